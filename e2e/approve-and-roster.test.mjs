// The secretariat signs in, approves a pending application, and the unit
// appears on the public roster — in a real headless Chromium, against the real
// binary with its demo data. Also checks that no Content-Security-Policy
// violation, console error or request to another origin happened.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium } from 'playwright-core';

const BIN = resolve(process.env.GONGJIANG_BIN ?? '../target/debug/gongjiang');
const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';
let server, base, browser, dataDir;

function startServer() {
  return new Promise((resolvePromise, reject) => {
    dataDir = mkdtempSync(join(tmpdir(), 'gj-e2e-data-'));
    server = spawn(BIN, ['serve', '--demo', '--data', dataDir, '--listen', '127.0.0.1:0'], {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, GONGJIANG_DATABASE_URL: '' },
    });
    let out = '';
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${out}`)), 120_000);
    server.stdout.on('data', (chunk) => {
      out += chunk;
      const m = out.match(/running at (http:\/\/[0-9.:]+)\//);
      if (m) {
        clearTimeout(timer);
        resolvePromise(m[1]);
      }
    });
    server.stderr.on('data', (chunk) => { out += chunk; });
    server.on('exit', (code) => reject(new Error(`server exited with ${code}:\n${out}`)));
  });
}

before(async () => {
  base = await startServer();
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync',
    ],
  });
});

after(async () => {
  await browser?.close();
  server?.kill('SIGTERM');
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

/** A page that records problems: CSP violations, console errors, foreign requests. */
async function watchedPage(context) {
  const page = await context.newPage();
  const problems = [];
  page.on('console', (msg) => { if (msg.type() === 'error') problems.push(`console: ${msg.text()}`); });
  page.on('pageerror', (err) => problems.push(`page error: ${err.message}`));
  page.on('request', (req) => {
    if (!req.url().startsWith(base) && !req.url().startsWith('data:')) problems.push(`foreign request: ${req.url()}`);
  });
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => console.error(`CSP violation: ${e.violatedDirective}`));
  });
  return { page, problems };
}

test('the secretariat approves a pending application and the unit appears on the public roster', async () => {
  const applicant = '黄石北辰技工学校';
  const secretariat = await browser.newContext({ viewport: { width: 1366, height: 768 } });
  const { page, problems } = await watchedPage(secretariat);

  await page.goto(`${base}/login`);
  await page.fill('input[name=login]', 'secretariat');
  await page.fill('input[name=password]', 'gongjiang-demo');
  await Promise.all([page.waitForNavigation(), page.click('form.form button[type=submit]')]);

  await page.goto(`${base}/admin/applications`);
  const row = page.locator('#applications tr', { hasText: applicant });
  await Promise.all([page.waitForNavigation(), row.locator('a').click()]);
  await page.selectOption('#approve-form select[name=tier]', 'member');
  await Promise.all([page.waitForNavigation(), page.click('#approve-form button[type=submit]')]);
  assert.match(await page.textContent('#membership-status'), /正常/);

  const visitor = await browser.newContext({ viewport: { width: 1366, height: 768 } });
  const anon = await watchedPage(visitor);
  await anon.page.goto(`${base}/members?q=${encodeURIComponent('北辰')}`);
  const names = await anon.page.locator('#roster td a').allTextContents();
  assert.ok(names.includes(applicant), `roster shows ${names.join(', ')}`);

  await anon.page.goto(`${base}/members?q=edjs`);
  assert.ok((await anon.page.locator('#roster td a').allTextContents()).includes('鄂东技师学院'), 'pinyin initials find the chair unit');
  if (process.env.E2E_SCREENSHOT === '1') {
    await anon.page.goto(`${base}/members`);
    mkdirSync('../docs/screenshots', { recursive: true });
    await anon.page.screenshot({ path: '../docs/screenshots/roster.png' });
  }
  assert.deepEqual([...problems, ...anon.problems], []);
  await secretariat.close();
  await visitor.close();
});

test('a pasted script in a profile is shown as text, never run', async () => {
  const context = await browser.newContext();
  const { page, problems } = await watchedPage(context);
  let dialogs = 0;
  page.on('dialog', async (d) => { dialogs += 1; await d.dismiss(); });
  await page.goto(`${base}/login`);
  await page.fill('input[name=login]', 'school-admin');
  await page.fill('input[name=password]', 'gongjiang-demo');
  await Promise.all([page.waitForNavigation(), page.click('form.form button[type=submit]')]);
  await page.click('header a[href^="/members/"]');
  await page.click('a[href$="/edit"]');
  await page.fill('textarea[name=intro]', '<img src=x onerror=alert(1)><script>alert(2)</script>');
  await Promise.all([page.waitForNavigation(), page.click('form.form button[type=submit]')]);
  assert.match(await page.textContent('dl.facts'), /<script>alert\(2\)<\/script>/);
  assert.equal(dialogs, 0);
  assert.deepEqual(problems.filter((p) => !p.includes('foreign request: ' + base)), []);
  await context.close();
});
