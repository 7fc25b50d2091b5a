// How a stored file's type reads, from the type the server found in its content.
const kTypeNames: Record<string, string> = {
  'application/pdf': 'PDF',
  'image/png': 'PNG image',
  'image/jpeg': 'JPEG image',
  'image/tiff': 'TIFF image',
  'application/dicom': 'DICOM',
  'text/plain': 'Plain text',
};

/** "PDF", "JPEG image"; the type itself when it is none of the allowed ones. */
export function typeName(contentType: string): string {
  const bare = contentType.split(';')[0]?.trim().toLowerCase() ?? '';
  return kTypeNames[bare] ?? (bare || 'Unknown');
}
