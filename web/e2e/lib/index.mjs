// The e2e library: import everything from here (see ../README.md).
export { checkA11y } from './a11y.mjs';
export { apiAs, apiSignedIn } from './api.mjs';
export { signIn, signInAs, signInWithApi } from './auth.mjs';
export { launchBrowser, newPage, useBrowser, useSmallScreen, VIEWPORTS } from './browser.mjs';
export { baseUrl, demoClinic, demoUser, outputDir, secondClinic } from './env.mjs';
export { openHttp } from './http.mjs';
export { addMember, clickMyAccount, openMyAccount, signOutWithMenu, waitForSignedIn } from './members.mjs';
export { watchPage } from './page-health.mjs';
export { screenshot } from './screenshot.mjs';
export { awayFromStepEdge, totp } from './totp.mjs';
