// End-to-end tests. Each test starts the real server itself (see fixtures.js) and drives
// Debian's Chromium; no browser is downloaded.
import { defineConfig } from "@playwright/test";

export default defineConfig({
  testDir: ".",
  testMatch: "*.spec.js",
  timeout: 90_000,
  expect: { timeout: 15_000 },
  workers: 1,
  retries: 0,
  reporter: [["list"]],
  outputDir: "../../target/e2e/results",
});
