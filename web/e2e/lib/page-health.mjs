// Collects what a healthy page never produces: console errors, uncaught
// exceptions and Content-Security-Policy violations.

const CSP_BINDING = '__e2eReportCspViolation';

// 4xx answers from the API are part of normal flows (a wrong password is a
// 401); chromium logs each as a console error, which is not a fault.
function isExpectedApiRefusal(message) {
  return (
    /^Failed to load resource: the server responded with a status of 4\d\d/.test(message.text()) &&
    /^https:\/\/[^/]+\/api\//.test(message.location().url ?? '')
  );
}

export async function watchPage(page) {
  const problems = [];
  page.on('console', (message) => {
    if (message.type() === 'error' && !isExpectedApiRefusal(message)) {
      problems.push(`console error: ${message.text()} (${message.location().url})`);
    }
  });
  page.on('pageerror', (error) => problems.push(`uncaught exception: ${error.stack ?? error.message}`));
  // Bindings and init scripts run outside the page's CSP, so watching cannot cause a violation.
  await page.exposeBinding(CSP_BINDING, (_source, violation) => {
    problems.push(`CSP violation: ${violation.directive} blocked ${violation.blocked} in ${violation.source}`);
  });
  await page.addInitScript((binding) => {
    document.addEventListener('securitypolicyviolation', (event) => {
      window[binding]({
        directive: event.effectiveDirective,
        blocked: event.blockedURI || 'inline code',
        source: `${event.sourceFile}:${event.lineNumber}`,
      });
    });
  }, CSP_BINDING);
  return {
    problems,
    /** Throws listing every problem not matched by one of the allowed regexps. */
    assertClean(allowed = []) {
      const unexpected = problems.filter((problem) => !allowed.some((pattern) => pattern.test(problem)));
      if (unexpected.length) throw new Error(`the page was not healthy:\n  ${unexpected.join('\n  ')}`);
    },
  };
}
