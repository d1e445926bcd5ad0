// The directory module's public surface.

export * from './port.js';
export * from './errors.js';
export { parseCybozuBaseUrl, loginUrl, kintoneUrl, adminUsersUrl, forgotUrlPage, ACCEPTED_BASE_URL_FORMS } from './base-url.js';
export type { BaseUrlResult } from './base-url.js';
export { validateDirectoryAuth, resolveDirectoryAuth } from './auth.js';
export type { DirectoryAuth, DirectoryAuthSettings } from './auth.js';
export type { DirectoryLog } from './cybozu-http.js';
export { CybozuUserApi, MAX_BATCH } from './cybozu-client.js';
export type { CybozuUserApiOptions } from './client-options.js';
export { environmentCheck } from './environment-check.js';
export type { EnvironmentCheck, EnvironmentCheckName, EnvironmentCheckDetail } from './environment-check.js';
export { diagnoseAccount, hasProblem } from '../diagnosis/account-diagnosis.js';
export type { AccountFacts, Finding, FindingCode, FindingRemedy } from '../diagnosis/account-diagnosis.js';
export { loginNameProblem, LOGIN_NAME_MAX_LENGTH } from './login-name.js';
export type { LoginNameProblem } from './login-name.js';
export { UnconfiguredDirectory } from './unconfigured-directory.js';
