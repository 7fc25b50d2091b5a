/** "JBSWY3DPEHPK3PXP" → "JBSW Y3DP EHPK 3PXP": easier to read out and type into an authenticator app. */
export function groupSecret(secret: string, size = 4): string {
  const plain = secret.replace(/\s+/g, '').toUpperCase();
  return plain.match(new RegExp(`.{1,${size}}`, 'g'))?.join(' ') ?? '';
}

/** A code as people type it ("123 456", "abcd-efgh ") → what the server expects. */
export function normaliseCode(code: string): string {
  return code.replace(/\s+/g, '');
}

/** The server's QR code SVG as an <img> source; the CSP allows data: images and nothing inline. */
export function svgDataUrl(svg: string): string {
  const bytes = new TextEncoder().encode(svg);
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return `data:image/svg+xml;base64,${btoa(binary)}`;
}
