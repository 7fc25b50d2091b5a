// What the app refuses before sending a file: the server checks again, by the real content.
import { formatBytes } from '../../lib/format';

/** The server's default `file_size_limit_bytes`. */
export const kMaxFileBytes = 200_000_000;
/** The X-File-Name limit. */
export const kMaxNameLength = 255;

interface AllowedType {
  label: string;
  extensions: readonly string[];
  mimeTypes: readonly string[];
}

/** The types the server accepts (PDF, PNG, JPEG, TIFF, DICOM, plain text), and how files of each are named. */
export const kAllowedTypes: readonly AllowedType[] = [
  { label: 'PDF', extensions: ['pdf'], mimeTypes: ['application/pdf'] },
  { label: 'PNG', extensions: ['png'], mimeTypes: ['image/png'] },
  { label: 'JPEG', extensions: ['jpg', 'jpeg'], mimeTypes: ['image/jpeg'] },
  { label: 'TIFF', extensions: ['tif', 'tiff'], mimeTypes: ['image/tiff'] },
  { label: 'DICOM (.dcm)', extensions: ['dcm'], mimeTypes: ['application/dicom'] },
  { label: 'plain text', extensions: ['txt'], mimeTypes: ['text/plain'] },
];

/** For the file input's `accept`: the choosers of most systems then show these first. */
export const kAcceptAttribute = kAllowedTypes
  .flatMap((type) => [...type.extensions.map((extension) => `.${extension}`), ...type.mimeTypes])
  .join(',');

/** "PDF, PNG, JPEG, TIFF, DICOM (.dcm) or plain text". */
export const kAllowedTypesText = `${kAllowedTypes
  .slice(0, -1)
  .map((type) => type.label)
  .join(', ')} or ${kAllowedTypes.at(-1)?.label ?? ''}`;

function extensionOf(name: string): string {
  const dot = name.lastIndexOf('.');
  return dot > 0 ? name.slice(dot + 1).toLowerCase() : '';
}

/** Whether the name's extension or the browser's type for the file is one the server takes. */
export function isAllowedType(file: Pick<File, 'name' | 'type'>): boolean {
  const extension = extensionOf(file.name);
  const mimeType = file.type.split(';')[0]?.trim().toLowerCase() ?? '';
  return kAllowedTypes.some((type) => type.extensions.includes(extension) || type.mimeTypes.includes(mimeType));
}

/** Why this file is not sent, in words for the person who chose it; null when it may be sent. */
export function refusalOf(file: Pick<File, 'name' | 'type' | 'size'>, maxBytes = kMaxFileBytes): string | null {
  if (!isAllowedType(file)) {
    return `${file.name} is not a file type that can be uploaded. Upload ${kAllowedTypesText} files.`;
  }
  if (file.size > maxBytes) return `${file.name} is ${formatBytes(file.size)}; the limit is ${formatBytes(maxBytes)}.`;
  if (file.size === 0) return `${file.name} is empty.`;
  if (file.name.length > kMaxNameLength) {
    return `The file name is longer than ${kMaxNameLength} characters. Rename the file and try again.`;
  }
  return null;
}
