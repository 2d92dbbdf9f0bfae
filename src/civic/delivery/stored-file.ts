/** a document kept under MEDIA_DIR (media/store-media-file.ts): an acceptance record, an evaluation report */
export interface StoredDocument {
  path: string;
  sha256: string;
  bytes: number;
  contentType: string;
}
