/**
 * How the tests and benchmarks start Debian's Chromium: its own binary (no downloaded
 * browser), and none of the background services that would try to reach the network.
 */
export const chromiumLaunch = {
  executablePath: '/usr/bin/chromium',
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
  ],
};
