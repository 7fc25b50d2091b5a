import { useState } from 'react';
import { Button } from './Button';
import './CopyButton.css';

/** Copies `text` to the clipboard and says so in a polite live region. */
export function CopyButton({ text, label }: { text: string; label: string }) {
  const [status, setStatus] = useState('');

  async function copy() {
    try {
      await navigator.clipboard.writeText(text);
      setStatus('Copied.');
    } catch {
      setStatus('Could not copy. Select the text and copy it yourself.');
    }
  }

  return (
    <span className="copy-button">
      <Button onClick={copy}>{label}</Button>
      <span role="status">{status}</span>
    </span>
  );
}
