// Regenerates es_numbers.txt: `node es_numbers.js > es_numbers.txt`. Each line is the
// IEEE 754 bits of a double and what ECMAScript JSON.stringify writes for it.
// Deterministic corpus: a small xorshift so the file can be regenerated identically.
let s = 0x9e3779b97f4a7c15n;
const mask = (1n << 64n) - 1n;
function next() { s ^= (s << 13n) & mask; s ^= s >> 7n; s ^= (s << 17n) & mask; return s & mask; }
const buf = Buffer.alloc(8);
const out = [];
function add(x) { buf.writeDoubleBE(x, 0); if (!Number.isFinite(x)) return; out.push(buf.toString("hex") + " " + JSON.stringify(x)); }
for (let i = 0; i < 150; i++) { buf.writeBigUInt64BE(next(), 0); add(buf.readDoubleBE(0)); }
for (let i = 0; i < 150; i++) { const r = Number(next() % 1000000007n) / 1000000007; const e = Number(next() % 60n) - 30; add(r * Math.pow(10, e)); }
for (let i = 0; i < 50; i++) { add(Number(next() % 100000n) / 100); }
// Exact ties at 17 significant digits: odd multiples of 0.25 between 2^50 and 2^51, etc.
for (let i = 0; i < 50; i++) { const base = 2 ** 50 + Number(next() % 1000000000n); add(base + 0.25); add(base + 0.75); }
for (let i = 0; i < 30; i++) { add(2 ** 53 + Number(next() % 1000000n) * 2); add(-(2 ** 60) - Number(next() % 1000000n) * 256); }
for (const x of [1e21, 1e-7, 1e-6, 123e-20, 0.1, 0.2 + 0.1, 5e-324, 2 ** -1074 * 3, Number.MAX_VALUE, Number.MIN_VALUE, 4.35, 0.5, 100, 1e300 * 10]) add(x);
console.log(out.join("\n"));
