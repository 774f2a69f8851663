export function functionLockfile(rootLockText: string, manifest: { name: string; version?: string; dependencies?: Record<string, string> }): string;
export function testedSdkVersion(rootLockText: string): string | null;
export function readRootLock(rootDir: URL): string;
