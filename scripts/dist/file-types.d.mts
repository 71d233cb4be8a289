export interface FileType {
  ext: string | string[];
  name: string;
  description?: string;
  mimeType: string;
}
export declare const OWN_FILE_TYPES: readonly FileType[];
export declare const OPEN_WITH_TYPES: readonly FileType[];
export declare function associatedExtensions(): string[];
export declare function ownFileAssociations(): {
  ext: string | string[];
  name: string;
  description?: string;
  mimeType: string;
  role: string;
  rank: string;
}[];
export declare function macOpenWithAssociations(): {
  ext: string | string[];
  name: string;
  role: string;
  rank: string;
}[];
export declare function linuxOpenWithMimeTypes(): string[];
export declare function windowsOpenWithInclude(productName: string): string;
