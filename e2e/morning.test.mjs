// A member's morning, in a real headless Chromium against the real binary
// (demo data, fresh SQLite) with a real SMTP server (the `smtp-server`
// package) that the test starts: the secretariat approves an application,
// the e-mail with the first administrator's invitation arrives at the
// applicant's address, and the new unit's administrator accepts it in the
// browser and signs in; a trainee on a 390×844 phone finds the header
// collapsed to a menu and nothing scrolling sideways; HR confirms and
// queries weekly logs and the school is told; the trainee revises a queried
// entry; the school admin follows the work queue to the trainees still to
// place, finds a 2026 entrant by searching and starts an internship.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { SMTPServer } from 'smtp-server';
import { simpleParser } from 'mailparser';

const HERE = dirname(fileURLToPath(import.meta.url));
const BIN = resolve(process.env.GONGJIANG_BIN ?? '../target/debug/gongjiang');
const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';
const SHOTS = join(HERE, '..', 'docs', 'screenshots');
const PASSWORD = 'gongjiang-demo';

let server, serverLog = '', base, browser, dataDir, smtp;
const mails = [];

function stopServer() {
  if (server && server.exitCode === null && server.signalCode === null) server.kill('SIGKILL');
}
process.on('exit', stopServer);

function startSmtp() {
  return new Promise((ok, fail) => {
    smtp = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS', 'AUTH'],
      logger: false,
      onData(stream, session, callback) {
        simpleParser(stream).then((mail) => {
          mails.push({ to: session.envelope.rcptTo.map((r) => r.address), mail });
          callback();
        }, callback);
      },
    });
    smtp.on('error', fail);
    smtp.listen(0, '127.0.0.1', () => ok(smtp.server.address().port));
  });
}

function startServer(config) {
  return new Promise((ok, fail) => {
    server = spawn(BIN, ['serve', '--demo', '--data', dataDir, '--config', config, '--listen', '127.0.0.1:0'], {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, GONGJIANG_DATABASE_URL: '' },
    });
    const timer = setTimeout(() => fail(new Error(`server did not start in 120 s:\n${serverLog}`)), 120_000);
    server.stdout.on('data', (chunk) => {
      serverLog += chunk;
      const m = serverLog.match(/running at (http:\/\/[^\s/]+)\//);
      if (m) { clearTimeout(timer); ok(m[1]); }
    });
    server.stderr.on('data', (chunk) => { serverLog += chunk; });
    server.on('exit', (code, signal) => { clearTimeout(timer); fail(new Error(`server exited (${code ?? signal}):\n${serverLog}`)); });
  });
}

before(async () => {
  const port = await startSmtp();
  dataDir = mkdtempSync(join(tmpdir(), 'gj-e2e-morning-'));
  const config = join(dataDir, 'gongjiang.toml');
  writeFileSync(config, `[mail]\nhost = "127.0.0.1"\nport = ${port}\nsecurity = "none"\nfrom = "工匠平台 <noreply@gongjiang.example>"\n`);
  base = await startServer(config);
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
});

after(async () => {
  await browser?.close().catch(() => {});
  stopServer();
  await new Promise((ok) => (smtp ? smtp.close(ok) : ok()));
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

async function signIn(page, login, password = PASSWORD) {
  await page.goto(`${base}/login`);
  await page.fill('input[name=login]', login);
  await page.fill('input[name=password]', password);
  await Promise.all([page.waitForURL((u) => u.pathname !== '/login'), page.click('main form button[type=submit]')]);
}

async function mailTo(address, seconds) {
  for (let i = 0; i < seconds * 4; i += 1) {
    const found = mails.find((m) => m.to.includes(address));
    if (found) return found.mail;
    await new Promise((ok) => setTimeout(ok, 250));
  }
  throw new Error(`no mail to ${address} in ${seconds} s; got ${mails.map((m) => m.to).join(', ')}\n${serverLog}`);
}

test('the secretariat approves an application and the new unit\'s administrator accepts the invitation that arrived by e-mail', async () => {
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'zh-CN' });
  const page = await context.newPage();
  try {
    await signIn(page, 'secretariat');
    await page.goto(`${base}/admin/applications`);
    const row = page.locator('#applications tbody tr').first();
    const unit = (await row.locator('td').first().textContent()).trim();
    await Promise.all([page.waitForURL(/\/admin\/memberships\/[^/]+$/), row.getByRole('link', { name: '审核' }).click()]);
    const contact = (await page.locator('main').textContent()).match(/contact-[0-9a-f]{8}@demo\.gongjiang\.example/);
    assert.ok(contact, 'the application shows the address the decision goes to');
    const form = page.locator('#approve-form');
    await form.locator('select[name=tier]').selectOption('member');
    await Promise.all([page.waitForLoadState('load'), form.locator('button[type=submit]').click()]);
    assert.equal(await page.locator('#first-admin').count(), 1, 'the link is also shown to hand over');

    // The delivery worker sends within seconds; the real SMTP server receives it.
    const mail = await mailTo(contact[0], 30);
    assert.match(mail.subject, /入盟申请已获批准/);
    assert.ok(mail.text.includes(unit), `the mail names ${unit}: ${mail.text}`);
    const link = mail.text.match(/https?:\/\/\S+\/invite\/[A-Za-z0-9_-]+/);
    assert.ok(link, `the mail carries the invitation link: ${mail.text}`);

    // The new administrator, in their own browser, follows the link.
    const theirs = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'zh-CN' });
    const p = await theirs.newPage();
    await p.goto(`${base}${new URL(link[0]).pathname}`);
    await p.fill('input[name=display_name]', '新单位管理员');
    await p.fill('input[name=login]', 'new-unit-admin');
    await p.fill('input[name=password]', 'Huangshi-Kaiyuan-2026!');
    await p.fill('input[name=confirm_password]', 'Huangshi-Kaiyuan-2026!');
    await Promise.all([p.waitForLoadState('load'), p.click('main form button[type=submit]')]);
    await signIn(p, 'new-unit-admin', 'Huangshi-Kaiyuan-2026!');
    await p.goto(`${base}/account`);
    assert.ok((await p.locator('main').textContent()).includes(unit), 'the account acts for the new unit');
    await theirs.close();
  } finally {
    await context.close();
  }
});

test('on a 390×844 phone the trainee\'s header is a menu and no page scrolls sideways', async () => {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'zh-CN', isMobile: true, hasTouch: true });
  const page = await context.newPage();
  try {
    await signIn(page, 'trainee');
    // The first sign-in puts the personal-information notice to the trainee.
    assert.ok(page.url().includes('/me/privacy/notice'), `the notice comes first: ${page.url()}`);
    const wideNotice = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(wideNotice <= 390, `the notice is ${wideNotice} px wide`);
    if (process.env.E2E_SCREENSHOT === '1') {
      mkdirSync(SHOTS, { recursive: true });
      await page.screenshot({ path: join(SHOTS, 'trainee-notice-phone.png'), fullPage: true });
    }
    await Promise.all([page.waitForURL((u) => !u.pathname.startsWith('/me/privacy/notice')), page.click('#notice-decision button[value=accept]')]);
    assert.equal(await page.locator('header nav').isVisible(), false, 'the navigation is folded away');
    await page.click('label.menu-button');
    assert.equal(await page.locator('header nav').isVisible(), true, 'the menu button opens it');
    for (const path of ['/', '/internships', '/me/record', '/me/privacy', '/me/privacy/access', '/notifications']) {
      await page.goto(`${base}${path}`);
      const wide = await page.evaluate(() => document.documentElement.scrollWidth);
      assert.ok(wide <= 390, `${path} is ${wide} px wide`);
    }
    if (process.env.E2E_SCREENSHOT === '1') {
      mkdirSync(SHOTS, { recursive: true });
      await page.goto(`${base}/`);
      await page.screenshot({ path: join(SHOTS, 'trainee-phone.png') });
      await page.goto(`${base}/me/privacy`);
      await page.screenshot({ path: join(SHOTS, 'trainee-privacy-phone.png'), fullPage: true });
    }
  } finally {
    await context.close();
  }
});

test('HR confirms two weekly logs from the work queue and queries one; the school is told of the query', async () => {
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'zh-CN' });
  const page = await context.newPage();
  try {
    await signIn(page, 'hr');
    const queue = page.locator('#logs-to-confirm');
    const before = Number((await queue.textContent()).match(/实习周志待确认 (\d+) 篇/)[1]);
    assert.ok(before >= 3, `the host has entries to confirm: ${before}`);
    await Promise.all([page.waitForURL(/\/internships$/), queue.locator('a').click()]);
    const links = await page.locator('main table a[href^="/internships/"]').evaluateAll((as) => [...new Set(as.map((a) => a.getAttribute('href')))]);
    let confirmed = 0;
    for (const href of links) {
      while (confirmed < 2) {
        await page.goto(`${base}${href}`);
        const form = page.locator('form[action$="/review"]').first();
        if (!(await form.count())) break;
        await Promise.all([page.waitForLoadState('load'), form.locator('button[value=confirm]').click()]);
        confirmed += 1;
      }
      if (confirmed === 2) break;
    }
    assert.equal(confirmed, 2, 'two entries were confirmed on their pages');
    await page.goto(`${base}/`);
    const after = Number((await page.locator('#logs-to-confirm').textContent()).match(/实习周志待确认 (\d+) 篇/)[1]);
    assert.equal(after, before - 2, 'the work queue counts two fewer');

    // A query, with what is missing, reaches the trainee's school.
    const school = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'zh-CN' });
    const sp = await school.newPage();
    await signIn(sp, 'school-admin');
    const badge = async () => Number((await sp.locator('#notification-badge .badge').textContent().catch(() => '0')) || 0);
    const unreadBefore = await badge();
    for (const href of links) {
      await page.goto(`${base}${href}`);
      const form = page.locator('form[action$="/review"]').first();
      if (!(await form.count())) continue;
      await form.locator('input[name=comment]').fill('请补充检测照片');
      await Promise.all([page.waitForLoadState('load'), form.locator('button[value=query]').click()]);
      break;
    }
    await sp.goto(`${base}/`);
    assert.equal(await badge(), unreadBefore + 1, 'the school\'s badge counts the query');
    await sp.goto(`${base}/notifications?unread=1`);
    assert.ok((await sp.locator('#notifications').textContent()).includes('请补充检测照片'));
    await Promise.all([sp.waitForURL(/\/internships\/[^/]+$/), sp.locator('#notifications button', { hasText: '查看' }).first().click()]);
    await school.close();
  } finally {
    await context.close();
  }
});

test('the trainee on a phone revises a queried entry and the earlier text is kept', async () => {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'zh-CN', isMobile: true, hasTouch: true });
  const page = await context.newPage();
  try {
    await signIn(page, 'trainee');
    await page.click('label.menu-button');
    await Promise.all([page.waitForURL(/\/internships$/), page.locator('header nav a[href="/internships"]').click()]);
    await Promise.all([page.waitForURL(/\/internships\/[^/]+$/), page.locator('main table a[href^="/internships/"]').first().click()]);
    assert.ok(await page.locator('#my-log').isVisible(), 'the week\'s form is on the page');
    const revise = page.locator('details.revise').first();
    await revise.locator('summary').click();
    const earlier = await revise.locator('textarea').inputValue();
    await revise.locator('textarea').fill(`${earlier}（已补充：本周完成 3 批次检验）`);
    await Promise.all([page.waitForLoadState('load'), revise.locator('button[type=submit]').click()]);
    const log = await page.locator('#log').textContent();
    assert.ok(log.includes('已补充：本周完成 3 批次检验'), 'the revision is saved');
    assert.ok(log.includes(earlier), 'and the earlier text is kept');
    const wide = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(wide <= 390, `the internship page is ${wide} px wide`);
  } finally {
    await context.close();
  }
});

test('the school admin follows the work queue to the trainees still to place, finds a 2026 entrant by searching and starts an internship for them', async () => {
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'zh-CN' });
  const page = await context.newPage();
  try {
    await signIn(page, 'school-admin');
    // The home page's work queue: trainees still to place, linking to exactly them.
    const unplaced = page.locator('#unplaced');
    const count = Number((await unplaced.textContent()).match(/待安置学员 (\d+) 人/)[1]);
    assert.ok(count > 0, 'the demo school has trainees to place');
    await Promise.all([page.waitForURL(/\/school\?unplaced_by=\d{4}/), unplaced.locator('a').click()]);
    assert.ok((await page.locator('#trainee-narrowing').textContent()).includes('尚未安排实习或就业'));

    // Search the trainee list for the 2026 entrants (student numbers 2026…).
    await page.goto(`${base}/school`);
    await page.fill('#trainee-search input[name=q]', '2026');
    await Promise.all([page.waitForURL(/q=2026/), page.click('#trainee-search button[type=submit]')]);
    const first = page.locator('#trainees tbody tr').first();
    const studentNo = (await first.locator('td').first().textContent()).trim();
    const name = (await first.locator('td').nth(1).textContent()).trim();
    assert.match(studentNo, /^2026/, 'the search finds a 2026 entrant');
    assert.ok(!name.includes('*'), `the school sees its own trainee's full name: ${name}`);

    // The new-internship form: the trainee by student number, the host by name;
    // one search does not undo the other, and a single match is picked.
    await page.goto(`${base}/internships/new`);
    const pickers = page.locator('form.picker-search');
    await pickers.nth(0).locator('input[type=search]').fill(studentNo);
    await Promise.all([page.waitForURL(/trainee_q=/), pickers.nth(0).locator('button').click()]);
    await pickers.nth(1).locator('input[type=search]').fill('有限公司');
    await Promise.all([page.waitForURL(/host_q=/), pickers.nth(1).locator('button').click()]);
    assert.ok(page.url().includes(`trainee_q=${studentNo}`), `the trainee search is kept: ${page.url()}`);
    const form = page.locator('main form.form');
    const picked = await form.locator('select[name=trainee_id] option:checked').textContent();
    assert.ok(picked.includes(studentNo), `the one match is picked: ${picked}`);
    const hosts = await form.locator('select[name=host_org_id] option').evaluateAll((os) => os.map((o) => o.value).filter(Boolean));
    assert.ok(hosts.length > 0, 'the host search offers enterprises');
    await form.locator('select[name=host_org_id]').selectOption(hosts[0]);
    await form.locator('select[name=kind]').selectOption('cognitive');
    const today = new Date();
    const iso = (d) => d.toISOString().slice(0, 10);
    const start = iso(today);
    const end = iso(new Date(today.getTime() + 4 * 86_400_000));
    await form.locator('input[name=post_name]').fill('产线参观与安全教育');
    await form.locator('input[name=school_supervisor]').fill('李老师');
    await form.locator('input[name=host_supervisor]').fill('张师傅');
    await form.locator('input[name=start_on]').fill(start);
    await form.locator('input[name=end_on]').fill(end);
    await form.locator('input[name=daily_hours]').fill('6');
    await form.locator('input[name=weekly_hours]').fill('30');
    await form.locator('input[name=insurer]').fill('示例保险公司');
    await form.locator('input[name=policy_no]').fill('SX-2026-E2E');
    await form.locator('input[name=cover_from]').fill(start);
    await form.locator('input[name=cover_to]').fill(end);
    await form.locator('select[name=premium_payer]').selectOption('school');
    await Promise.all([page.waitForURL(/\/internships\/[0-9a-f-]{36}$/), form.locator('button[type=submit]').click()]);
    assert.ok((await page.locator('#internship').textContent()).includes(name), 'the internship names the trainee');

    // Ready, then started: the rule check passes for a short cognitive visit.
    await Promise.all([page.waitForLoadState('load'), page.locator('form[action$="/status"] button', { hasText: '标记为待开始' }).click()]);
    await Promise.all([page.waitForLoadState('load'), page.locator('form[action$="/start"] button').click()]);
    assert.equal(await page.locator('#refused').count(), 0, await page.locator('main').textContent());
    assert.ok((await page.locator('h1 .tag').textContent()).includes('进行中'), 'the internship is in progress');

    if (process.env.E2E_SCREENSHOT === '1') {
      mkdirSync(SHOTS, { recursive: true });
      await page.goto(`${base}/`);
      await page.screenshot({ path: join(SHOTS, 'school-home.png') });
    }
  } finally {
    await context.close();
  }
});
