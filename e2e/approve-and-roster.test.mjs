// The secretariat signs in, approves a pending application, signs out, and the
// unit appears on the public roster — in a real headless Chromium (Debian's),
// against the real binary with its demo data on a fresh SQLite database.
// Every page is watched: no Content-Security-Policy violation, no console or
// page error, no request to anything but the server under test.
//
// Named *.test.mjs so that a bare `node --test` in this folder finds it.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const HERE = dirname(fileURLToPath(import.meta.url));
const BIN = resolve(process.env.GONGJIANG_BIN ?? '../target/debug/gongjiang');
const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';
const SCREENSHOT = join(HERE, '..', 'docs', 'screenshots', 'roster.png');
const PASSWORD = 'gongjiang-demo';
const LOCAL_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

let server, serverLog = '', base, browser, dataDir;

function stopServer() {
  if (server && server.exitCode === null && server.signalCode === null) server.kill('SIGKILL');
}
// The server must not outlive the test run, whatever ends it.
process.on('exit', stopServer);
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => { stopServer(); process.exit(130); });

function startServer() {
  return new Promise((resolveStart, reject) => {
    dataDir = mkdtempSync(join(tmpdir(), 'gj-e2e-data-'));
    // Port 0: the kernel picks a free one and the server prints it.
    server = spawn(BIN, ['serve', '--demo', '--data', dataDir, '--listen', '127.0.0.1:0'], {
      stdio: ['ignore', 'pipe', 'pipe'],
      // SQLite only: never pick up a database URL from the environment.
      env: { ...process.env, GONGJIANG_DATABASE_URL: '' },
    });
    const timer = setTimeout(() => reject(new Error(`server did not start in 120 s:\n${serverLog}`)), 120_000);
    server.stdout.on('data', (chunk) => {
      serverLog += chunk;
      const m = serverLog.match(/running at (http:\/\/[^\s/]+)\//);
      if (m) { clearTimeout(timer); resolveStart(m[1]); }
    });
    server.stderr.on('data', (chunk) => { serverLog += chunk; });
    server.on('error', (err) => { clearTimeout(timer); reject(new Error(`cannot start ${BIN}: ${err.message}`)); });
    server.on('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`server exited (${code ?? signal}):\n${serverLog}`));
    });
  });
}

before(async () => {
  base = await startServer();
  // playwright-core adds --headless and a fresh temporary --user-data-dir itself
  // (it refuses a --user-data-dir in args); it never downloads a browser.
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync',
    ],
  });
});

after(async () => {
  await browser?.close().catch(() => {});
  stopServer();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

/** A browser context whose pages record problems: CSP violations, console and
 *  page errors, requests to anything but the local server. */
async function watchedContext() {
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'zh-CN' });
  const problems = [];
  const cspViolations = [];
  await context.exposeBinding('__gjCspViolation', (_source, v) => { cspViolations.push(v); });
  await context.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      window.__gjCspViolation(`${e.violatedDirective} blocked ${e.blockedURI || 'inline'} on ${document.location.pathname}`);
    });
  });
  context.on('console', (msg) => { if (msg.type() === 'error') problems.push(`console error: ${msg.text()}`); });
  context.on('weberror', (err) => problems.push(`page error: ${err.error().message}`));
  context.on('request', (req) => {
    const url = new URL(req.url());
    if (url.protocol === 'data:' || url.protocol === 'blob:') return;
    if (!LOCAL_HOSTS.has(url.hostname)) problems.push(`request to another host: ${req.url()}`);
  });
  context.on('response', (res) => {
    if (res.status() >= 400) problems.push(`HTTP ${res.status()} for ${res.url()}`);
  });
  return { context, page: await context.newPage(), problems, cspViolations };
}

async function signIn(page, login) {
  await page.goto(`${base}/login`);
  await page.fill('input[name=login]', login);
  await page.fill('input[name=password]', PASSWORD);
  await Promise.all([page.waitForURL((u) => u.pathname !== '/login'), page.click('main form button[type=submit]')]);
}

async function rosterNames(page) {
  return page.locator('#roster tbody td:first-child a').allTextContents();
}

test('the secretariat approves a pending application and the unit appears on the public roster', async () => {
  const applicant = '黄石北辰技工学校';
  const { context, page, problems, cspViolations } = await watchedContext();
  try {
    // Not on the public roster while it is pending.
    await page.goto(`${base}/members?q=${encodeURIComponent('北辰')}`);
    assert.ok(!(await page.locator('#roster').count()) || !(await rosterNames(page)).includes(applicant),
      'a pending applicant is not on the roster yet');

    await signIn(page, 'secretariat');
    await page.goto(`${base}/admin/applications`);
    const row = page.locator('#applications tbody tr', { hasText: applicant });
    assert.equal(await row.count(), 1, `${applicant} is among the pending applications`);
    await Promise.all([page.waitForURL(/\/admin\/memberships\/[^/]+$/), row.getByRole('link', { name: '审核' }).click()]);

    const form = page.locator('#approve-form');
    await form.locator('select[name=tier]').selectOption({ label: '成员单位' });
    assert.equal(await form.locator('select[name=tier]').inputValue(), 'member');
    const membershipUrl = page.url();
    await Promise.all([page.waitForURL(membershipUrl), form.locator('button[type=submit]').click()]);
    const status = await page.textContent('#membership-status');
    assert.match(status, /正常/, `status after approval: ${status}`);
    assert.match(status, /成员单位/, `tier after approval: ${status}`);
    assert.equal(await page.locator('#approve-form').count(), 0, 'no approve form once approved');

    await page.goto(`${base}/admin/applications`);
    assert.equal(await page.locator('#applications tbody tr', { hasText: applicant }).count(), 0,
      'no longer pending');

    // Sign out with the header's button; the admin page is then out of reach.
    await Promise.all([page.waitForNavigation(), page.click('header form[action="/logout"] button')]);
    await expectSignedOut(page);

    // As a visitor: search with the roster's own search box, by pinyin initials.
    await page.goto(`${base}/members`);
    await page.fill('input[name=q]', 'bcjg');
    await Promise.all([page.waitForURL(/[?&]q=bcjg/), page.press('input[name=q]', 'Enter')]);
    assert.ok((await rosterNames(page)).includes(applicant), `bcjg finds ${(await rosterNames(page)).join(', ')}`);

    await page.goto(`${base}/members?q=${encodeURIComponent('北辰')}`);
    const names = await rosterNames(page);
    assert.ok(names.includes(applicant), `北辰 finds ${names.join(', ')}`);
    for (const still of ['鄂州北辰光电显示有限公司']) {
      assert.ok(!names.includes(still), `${still} is still pending and not listed`);
    }

    await page.goto(`${base}/members?q=edjs`);
    assert.ok((await rosterNames(page)).includes('鄂东技师学院'), 'pinyin initials find the chair unit');

    if (process.env.E2E_SCREENSHOT === '1') {
      await page.goto(`${base}/members`);
      mkdirSync(dirname(SCREENSHOT), { recursive: true });
      await page.screenshot({ path: SCREENSHOT });
    }
    assert.deepEqual(cspViolations, [], 'no Content-Security-Policy violation');
    assert.deepEqual(problems, [], 'no console error, page error, failed or foreign request');
  } finally {
    await context.close();
  }
});

async function expectSignedOut(page) {
  assert.equal(await page.locator('header form[action="/logout"]').count(), 0, 'no sign-out button any more');
  // Through the context's request API (same cookies, no page events), so the
  // expected refusal is not counted as a problem.
  const res = await page.request.get(`${base}/admin/applications`, { maxRedirects: 0 });
  const location = res.headers()['location'] ?? '';
  assert.ok(res.status() === 401 || res.status() === 403 || (res.status() >= 300 && res.status() < 400 && location.includes('/login')),
    `after signing out /admin/applications answered ${res.status()} ${location}`);
}

test('a pasted script in a profile is shown as text, never run', async () => {
  const { context, page, problems, cspViolations } = await watchedContext();
  try {
    let dialogs = 0;
    page.on('dialog', async (d) => { dialogs += 1; await d.dismiss(); });
    await signIn(page, 'school-admin');
    await page.click('header a[href^="/members/"]');
    await page.click('a[href$="/edit"]');
    await page.fill('textarea[name=intro]', '<img src=x onerror=alert(1)><script>alert(2)</script>');
    await Promise.all([page.waitForNavigation(), page.click('main form.form button[type=submit]')]);
    assert.match(await page.textContent('dl.facts'), /<script>alert\(2\)<\/script>/);
    assert.equal(await page.locator('main img[src=x]').count(), 0);
    assert.equal(dialogs, 0);
    assert.deepEqual(cspViolations, []);
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

test('the CSP header blocks an inline script, and the watcher sees it', async () => {
  // Guards the checks above: were the header gone or the listener broken,
  // "no violation" would prove nothing.
  const { context, page, cspViolations } = await watchedContext();
  try {
    const res = await page.goto(`${base}/members`);
    assert.match(res.headers()['content-security-policy'] ?? '', /script-src 'self'/);
    const ran = await page.evaluate(() => new Promise((done) => {
      window.__gjRan = false;
      const s = document.createElement('script');
      s.textContent = 'window.__gjRan = true;';
      document.body.append(s);
      setTimeout(() => done(window.__gjRan), 200);
    }));
    assert.equal(ran, false, 'an inline script ran');
    await page.waitForTimeout(100);
    assert.equal(cspViolations.length, 1, `violations seen: ${cspViolations.join('; ')}`);
    assert.match(cspViolations[0], /script-src/);
  } finally {
    await context.close();
  }
});

test('the round form filters its long checkbox lists and ticks every box still shown', async () => {
  const { context, page, problems, cspViolations } = await watchedContext();
  try {
    await signIn(page, 'secretariat');
    await page.goto(`${base}/rounds/new`);
    const demands = page.locator('fieldset#demands');
    const search = demands.locator('.check-filter input[type=search]');
    assert.equal(await search.getAttribute('placeholder'), '输入文字筛选');
    const all = await demands.locator('label.check').count();
    assert.ok(all > 3, `the demo offers ${all} places`);
    await search.fill('品质检验');
    const shown = demands.locator('label.check:visible');
    const visible = await shown.count();
    assert.ok(visible >= 1 && visible < all, `${visible} of ${all} shown for 品质检验`);
    for (const text of await shown.allTextContents()) assert.match(text, /品质检验/);
    await demands.getByRole('button', { name: '全选显示的' }).click();
    assert.equal(await demands.locator('input[type=checkbox]:checked').count(), visible,
      'only the boxes shown are ticked');
    await search.fill('');
    assert.equal(await demands.locator('label.check:visible').count(), all, 'clearing shows every box again');
    assert.deepEqual(cspViolations, []);
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});
