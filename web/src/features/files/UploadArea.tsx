import { useEffect, useId, useReducer, useRef, useState, type DragEvent } from 'react';
import { Button } from '../../components/Button';
import { formatBytes } from '../../lib/format';
import { uploadPath, type FileTarget, type StoredFile } from './api';
import { kAcceptAttribute, kAllowedTypesText, kMaxFileBytes, refusalOf } from './checks';
import { uploadErrorMessage, uploadFile } from './upload';
import { newUpload, nextToSend, percentSent, uploadsReducer, uploadText, type Upload } from './upload-queue';

interface UploadAreaProps {
  target: FileTarget;
  /** What the files go to, for the drop zone's name: "this patient's record". */
  destination: string;
  onUploaded(file: StoredFile): void;
}

/**
 * Drop files here or choose them with the button (keyboard and screen readers use the button). Each file is
 * checked before it is sent, then sent one after another, each with its own progress and outcome.
 */
export function UploadArea({ target, destination, onUploaded }: UploadAreaProps) {
  const [uploads, dispatch] = useReducer(uploadsReducer, []);
  const [dragging, setDragging] = useState(false);
  const [announcement, setAnnouncement] = useState<string | null>(null);
  const input = useRef<HTMLInputElement>(null);
  const files = useRef(new Map<number, File>());
  const nextId = useRef(1);
  const stopper = useRef<AbortController | null>(null);
  const hintId = useId();
  const path = uploadPath(target);

  // Uploads still running stop when the area goes (the page is left).
  useEffect(() => {
    const controller = new AbortController();
    stopper.current = controller;
    return () => controller.abort();
  }, []);

  useEffect(() => {
    const next = nextToSend(uploads);
    const file = next && files.current.get(next.id);
    if (!next || !file || !stopper.current) return;
    const { id } = next;
    dispatch({ type: 'started', id });
    uploadFile(path, file, ({ sent }) => dispatch({ type: 'progress', id, sent }), stopper.current.signal).then(
      (stored) => {
        files.current.delete(id);
        dispatch({ type: 'uploaded', id });
        setAnnouncement(`${file.name} uploaded.`);
        onUploaded(stored);
      },
      (err: unknown) => {
        files.current.delete(id);
        if (err instanceof DOMException && err.name === 'AbortError') return;
        const message = uploadErrorMessage(err);
        dispatch({ type: 'failed', id, message });
        setAnnouncement(`${file.name} was not uploaded. ${message}`);
      },
    );
  }, [uploads, path, onUploaded]);

  function add(chosen: readonly File[]) {
    if (chosen.length === 0) return;
    const added = chosen.map((file) => {
      const id = nextId.current++;
      const refusal = refusalOf(file);
      if (refusal === null) files.current.set(id, file);
      return newUpload(id, file, refusal);
    });
    dispatch({ type: 'added', uploads: added });
    const refused = added.filter((upload) => upload.phase === 'refused');
    setAnnouncement(refused.length > 0 ? refused.map((upload) => upload.message).join(' ') : null);
  }

  function drop(event: DragEvent) {
    event.preventDefault();
    setDragging(false);
    add(Array.from(event.dataTransfer.files));
  }

  const finished = uploads.some((upload) => upload.phase !== 'waiting' && upload.phase !== 'sending');

  return (
    <div className="file-upload">
      <div
        className={dragging ? 'file-drop file-drop--active' : 'file-drop'}
        role="group"
        aria-label={`Upload files to ${destination}`}
        onDragEnter={(event) => {
          event.preventDefault();
          setDragging(true);
        }}
        onDragOver={(event) => {
          event.preventDefault();
          event.dataTransfer.dropEffect = 'copy';
        }}
        onDragLeave={(event) => {
          if (!event.currentTarget.contains(event.relatedTarget as Node | null)) setDragging(false);
        }}
        onDrop={drop}
      >
        <p className="file-drop__prompt">Drop files here, or</p>
        <Button aria-describedby={hintId} onClick={() => input.current?.click()}>
          Choose file
        </Button>
        <p id={hintId} className="file-drop__rules">
          {kAllowedTypesText}, up to {formatBytes(kMaxFileBytes)} each. Several files upload one after another.
        </p>
        <input
          ref={input}
          type="file"
          multiple
          hidden
          accept={kAcceptAttribute}
          onChange={(event) => {
            add(Array.from(event.currentTarget.files ?? []));
            // The same file may be chosen again after a failure.
            event.currentTarget.value = '';
          }}
        />
      </div>
      {uploads.length > 0 && (
        <>
          <ul className="uploads" aria-label="Uploads">
            {uploads.map((upload) => (
              <UploadLine key={upload.id} upload={upload} />
            ))}
          </ul>
          {finished && (
            <Button variant="link" className="uploads__clear" onClick={() => dispatch({ type: 'cleared' })}>
              Clear finished uploads
            </Button>
          )}
        </>
      )}
      {/* The lines above show each outcome; this tells screen readers as they happen. */}
      <div className="visually-hidden" role="status" aria-live="polite">
        {announcement}
      </div>
    </div>
  );
}

function UploadLine({ upload }: { upload: Upload }) {
  const textId = useId();
  const failed = upload.phase === 'refused' || upload.phase === 'failed';
  return (
    <li className={`uploads__item uploads__item--${upload.phase}`}>
      <span className="uploads__name">{upload.name}</span>
      {(upload.phase === 'sending' || upload.phase === 'uploaded') && (
        <progress
          className="uploads__bar"
          max={100}
          value={percentSent(upload)}
          aria-label={`Upload of ${upload.name}`}
          aria-describedby={textId}
        />
      )}
      <span id={textId} className={failed ? 'uploads__text uploads__text--error' : 'uploads__text'}>
        {uploadText(upload)}
      </span>
    </li>
  );
}
