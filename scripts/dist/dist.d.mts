export declare function offlineAdvice(options: {
  reason: string;
  version: string;
  platform: string;
  arch: string;
  cacheDir: string;
}): string;
export declare function networkFailure(output: string): string | null;
export declare function runDist(args: string[], env?: NodeJS.ProcessEnv): Promise<number>;
