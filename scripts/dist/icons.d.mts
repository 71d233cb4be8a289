export declare const ICON_SIZES: readonly number[];
export declare const ICO_SIZES: readonly number[];
export declare function renderPng(svg: Buffer | string, size: number): Buffer;
export declare function renderIcons(
  svgPath: string,
  outDir: string,
): Promise<{ linux: string; win: string; mac: string }>;
