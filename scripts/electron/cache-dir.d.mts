export declare function electronCacheDir(env?: NodeJS.ProcessEnv, platform?: string): string;
