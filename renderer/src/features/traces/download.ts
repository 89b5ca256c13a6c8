/**
 * Offers `text` as a file download through an `<a download>` on a Blob URL: the browser-mode
 * way to save (there is no file system access, and no network request leaves the page).
 */
export function downloadText(
  fileName: string,
  text: string,
  type: string,
  doc: Document = document,
): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = doc.createElement('a');
  link.href = url;
  link.download = fileName;
  link.hidden = true;
  doc.body.append(link);
  link.click();
  link.remove();
  // The click has handed the Blob to the download manager; the URL is no longer needed.
  URL.revokeObjectURL(url);
}
