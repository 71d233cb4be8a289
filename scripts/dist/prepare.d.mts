export declare function prepare(
  root: string,
): Promise<{ icons: { linux: string; win: string; mac: string }; include: string }>;
