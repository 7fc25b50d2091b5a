// Small helpers for bench/run.sh, with Node's standard library only.
//   node helpers.js pg-url CONNINFO          libpq key=value conninfo -> postgresql:// URL for node-postgres
//   node helpers.js free-port                a free TCP port on 127.0.0.1
//   node helpers.js keygen DIR               Ed25519 key pair: DIR/jwt.key.pem, DIR/jwt.pub.pem
//   node helpers.js mint KEY CLINIC USER     an EdDSA JWT {sub: USER, clinic: CLINIC}, valid one hour
//   node helpers.js claims TOKEN CLINIC USER the names of the claims holding CLINIC and USER ("clinic sub")
'use strict';
const crypto = require('node:crypto');
const fs = require('node:fs');
const net = require('node:net');
const path = require('node:path');

const die = (msg) => { process.stderr.write(`helpers.js: ${msg}\n`); process.exit(1); };

// libpq conninfo: key = value pairs; a value is bare or single-quoted with \' and \\ escapes.
function parseConninfo(s) {
  const out = {};
  let i = 0;
  const ws = () => { while (i < s.length && /\s/.test(s[i])) i++; };
  while (true) {
    ws();
    if (i >= s.length) break;
    let key = '';
    while (i < s.length && /[A-Za-z0-9_]/.test(s[i])) key += s[i++];
    ws();
    if (!key || s[i] !== '=') die(`cannot parse conninfo near position ${i}`);
    i++;
    ws();
    let val = '';
    if (s[i] === "'") {
      i++;
      while (i < s.length && s[i] !== "'") {
        if (s[i] === '\\' && i + 1 < s.length) i++;
        val += s[i++];
      }
      if (s[i] !== "'") die('unterminated quote in conninfo');
      i++;
    } else {
      while (i < s.length && !/\s/.test(s[i])) {
        if (s[i] === '\\' && i + 1 < s.length) i++;
        val += s[i++];
      }
    }
    out[key] = val;
  }
  return out;
}

function pgUrl(conninfo) {
  const c = parseConninfo(conninfo);
  const e = encodeURIComponent;
  const auth = c.user ? e(c.user) + (c.password ? ':' + e(c.password) : '') + '@' : '';
  const host = c.host || c.hostaddr || '';
  const socket = host.startsWith('/');
  const params = new URLSearchParams();
  if (socket) params.set('host', host);
  const netloc = socket ? `localhost${c.port ? ':' + c.port : ''}` : `${host}${c.port ? ':' + c.port : ''}`;
  for (const k of ['sslmode', 'application_name']) if (c[k]) params.set(k, c[k]);
  const q = params.toString();
  return `postgresql://${auth}${netloc}/${e(c.dbname || c.user || '')}${q ? '?' + q : ''}`;
}

const b64url = (buf) => Buffer.from(buf).toString('base64url');

const [cmd, ...args] = process.argv.slice(2);
switch (cmd) {
  case 'pg-url':
    process.stdout.write(pgUrl(args[0] || die('pg-url CONNINFO')) + '\n');
    break;
  case 'free-port': {
    const srv = net.createServer();
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => process.stdout.write(port + '\n'));
    });
    break;
  }
  case 'keygen': {
    const dir = args[0] || die('keygen DIR');
    const { privateKey, publicKey } = crypto.generateKeyPairSync('ed25519');
    fs.writeFileSync(path.join(dir, 'jwt.key.pem'), privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600 });
    fs.writeFileSync(path.join(dir, 'jwt.pub.pem'), publicKey.export({ type: 'spki', format: 'pem' }));
    break;
  }
  case 'mint': {
    const [keyFile, clinic, user] = args;
    if (!user) die('mint KEY CLINIC USER');
    const key = crypto.createPrivateKey(fs.readFileSync(keyFile));
    const now = Math.floor(Date.now() / 1000);
    const head = b64url(JSON.stringify({ alg: 'EdDSA', typ: 'JWT' }));
    const body = b64url(JSON.stringify({ sub: user, clinic, iat: now, exp: now + 3600 }));
    const sig = b64url(crypto.sign(null, Buffer.from(`${head}.${body}`), key));
    process.stdout.write(`${head}.${body}.${sig}\n`);
    break;
  }
  case 'claims': {
    const [token, clinic, user] = args;
    if (!user) die('claims TOKEN CLINIC USER');
    let claims;
    try {
      claims = JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString('utf8'));
    } catch {
      die('the access token is not a JWT');
    }
    const find = (want, prefer) => {
      if (claims[prefer] === want) return prefer;
      return Object.keys(claims).find((k) => claims[k] === want);
    };
    const c = find(clinic, 'clinic');
    const u = find(user, 'sub');
    if (!c || !u) die(`no claim holds the clinic and user ids: ${JSON.stringify(Object.keys(claims))}`);
    process.stdout.write(`${c} ${u}\n`);
    break;
  }
  default:
    die(`unknown command ${cmd}`);
}
