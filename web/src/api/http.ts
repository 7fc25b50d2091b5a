// What every request to the server carries, whichever way it is sent.

/** Absolute, because Request objects need one outside a browser page (tests). */
export const apiBaseUrl = globalThis.location?.origin ?? 'http://localhost';

/** Tells the server this is the browser app: refresh tokens travel only as an HttpOnly cookie. */
export const clientHeaders = { 'X-Consilium-Client': 'web' } as const;

export const requestCredentials: RequestCredentials = 'same-origin';
