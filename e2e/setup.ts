import { beforeEach } from "vitest";

// A test that fails and then passes on its second attempt (`retry` in e2e/vitest.config.ts) is reported as passed, and
// the first attempt's error is not printed: print it here, so a flaky step can be found from the CI output.
beforeEach(({ onTestFailed }) => {
  onTestFailed(({ task }) => {
    const attempt = (task.result?.retryCount ?? 0) + 1;
    const errors = (task.result?.errors ?? []).map((e) => e.stack ?? e.message).join("\n");
    console.error(`\n[attempt ${attempt} of "${task.name}" (${task.file?.name}) failed]\n${errors}\n`);
  });
});
