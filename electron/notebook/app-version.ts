import packageJson from '../../package.json' with { type: 'json' };

/** This Marginalia's version, for files that name the tool that wrote them (REFI-QDA's `origin`). */
export const APP_VERSION: string = packageJson.version;
