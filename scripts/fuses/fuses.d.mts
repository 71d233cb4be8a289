import type { FuseConfig, FuseState, FuseV1Options } from '@electron/fuses';

export declare const FUSE_CONFIG: Readonly<FuseConfig>;
export declare function expectedFuseStates(
  config?: FuseConfig,
): { fuse: keyof typeof FuseV1Options; index: FuseV1Options; state: FuseState }[];
export declare function checkFuses(
  binaryPath: string,
  config?: FuseConfig,
): Promise<{ fuse: string; expected: FuseState; actual: FuseState | undefined }[]>;
export declare function applyFuses(
  binaryPath: string,
  config?: FuseConfig,
  options?: { resetAdHocDarwinSignature?: boolean },
): Promise<void>;
export interface PackContext {
  appOutDir: string;
  electronPlatformName: string;
  arch: number;
  packager: { appInfo: { productFilename: string }; executableName?: string };
}
export declare function packedBinaryPath(context: PackContext): string;
export default function afterPack(context: PackContext): Promise<void>;
