#!/usr/bin/env node
// PGlite (with pgvector) over the PostgreSQL wire protocol, for development
// and tests. PGlite has one backend for every connection, so connections take
// turns: the owner of the backend keeps it from the first message of a turn up
// to the message that ends it (Sync, Query, FunctionCall, startup) and for as
// long as the backend is inside a transaction block. Everyone else waits, FIFO.
//
// usage: node scripts/devdb-server.mjs --db=DIR --port=N [--host=127.0.0.1]
//        [--max-connections=64] [--idle-in-transaction-timeout=60000 (ms, 0 = off)]
import net from 'node:net';
import { parseArgs } from 'node:util';
import { PGlite } from '@electric-sql/pglite';
import { vector } from '@electric-sql/pglite-pgvector';

const { values: opt } = parseArgs({
  options: {
    db: { type: 'string', default: 'memory://' },
    port: { type: 'string', default: '5432' },
    host: { type: 'string', default: '127.0.0.1' },
    'max-connections': { type: 'string', default: '64' },
    'idle-in-transaction-timeout': { type: 'string', default: '60000' },
    help: { type: 'boolean', default: false },
  },
});
if (opt.help) {
  console.log('usage: devdb-server.mjs --db=DIR --port=N [--host=H] [--max-connections=N] [--idle-in-transaction-timeout=MS]');
  process.exit(0);
}
const port = intOpt('port');
const maxConnections = intOpt('max-connections');
const idleTimeoutMs = intOpt('idle-in-transaction-timeout');

function intOpt(name) {
  const n = Number(opt[name]);
  if (!Number.isInteger(n) || n < 0) {
    console.error(`devdb-server: --${name} must be a whole number, got ${JSON.stringify(opt[name])}`);
    process.exit(2);
  }
  return n;
}

const log = (...a) => console.log(new Date().toISOString(), ...a);

// Untyped first packets (their "length, code" header).
const PROTOCOL_3 = 3;
const SSL_REQUEST = 80877103;
const GSSENC_REQUEST = 80877104;
const CANCEL_REQUEST = 80877102;
const MAX_STARTUP = 10000;

const READY_FOR_QUERY = 0x5a; // 'Z'
const TERMINATE = 0x58; // 'X'
// Messages after which the backend answers ReadyForQuery (or, for a Query
// starting COPY FROM STDIN, waits for CopyData; CopyDone/CopyFail end that).
const TURN_END = new Set([0x53 /* S */, 0x51 /* Q */, 0x46 /* F */, 0x63 /* c */, 0x66 /* f */]);

async function open() {
  const d = new PGlite(opt.db, { extensions: { vector } });
  await d.waitReady;
  return d;
}
let db = await open();

const conns = new Set();
const waiting = []; // connections with messages, waiting for the backend
let owner = null; // the connection whose turn it is
let pumping = false;
let stopping = false;
let nextId = 1;

class Conn {
  constructor(sock) {
    this.id = nextId++;
    this.sock = sock;
    this.buf = Buffer.alloc(0);
    this.msgs = []; // complete messages not yet run
    this.started = false; // startup message seen; later messages are typed
    this.queued = false;
    this.gone = false; // socket closed or Terminate received: no more input
    this.rejected = false;
    this.idleTimer = null;
  }

  write(data) {
    if (!this.sock.destroyed && this.sock.writable) this.sock.write(data);
  }

  // Splits the byte stream into messages; a packet may hold several turns or
  // part of one message.
  onData(chunk) {
    if (this.gone) return;
    let buf = this.buf.length ? Buffer.concat([this.buf, chunk]) : chunk;
    let off = 0;
    let added = false;
    for (;;) {
      const left = buf.length - off;
      if (!this.started) {
        if (left < 8) break;
        const len = buf.readInt32BE(off);
        const code = buf.readInt32BE(off + 4);
        if (len < 8 || len > MAX_STARTUP) return this.fatal('08P01', 'invalid startup packet length');
        if (left < len) break;
        const msg = buf.subarray(off, off + len);
        off += len;
        if (code === SSL_REQUEST || code === GSSENC_REQUEST) {
          this.write(Buffer.from('N'));
        } else if (code === CANCEL_REQUEST) {
          // Not supported (one backend); close as PostgreSQL does so the client stops waiting.
          this.sock.destroy();
          return;
        } else if (code >>> 16 === PROTOCOL_3) {
          if (this.rejected) return this.fatal('53300', 'sorry, too many clients already');
          this.started = true;
          this.msgs.push(msg);
          added = true;
        } else {
          return this.fatal('0A000', `unsupported frontend protocol ${code >>> 16}.${code & 0xffff}`);
        }
      } else {
        if (left < 5) break;
        const len = buf.readInt32BE(off + 1);
        if (len < 4) return this.fatal('08P01', 'invalid message length');
        if (left < 1 + len) break;
        const msg = buf.subarray(off, off + 1 + len);
        off += 1 + len;
        if (msg[0] === TERMINATE) {
          // What came before still runs; then the connection is cleaned up.
          this.gone = true;
          this.sock.end();
          break;
        }
        this.msgs.push(msg);
        added = true;
      }
    }
    this.buf = off === buf.length ? Buffer.alloc(0) : Buffer.from(buf.subarray(off));
    if (added || this.gone) wake(this);
  }

  onClose() {
    this.gone = true;
    this.buf = Buffer.alloc(0);
    conns.delete(this);
    wake(this);
  }

  // An ErrorResponse of severity FATAL, then close.
  fatal(code, text) {
    const fields = [['S', 'FATAL'], ['V', 'FATAL'], ['C', code], ['M', text]];
    const body = Buffer.concat([...fields.map(([k, v]) => Buffer.from(`${k}${v}\0`)), Buffer.from([0])]);
    const head = Buffer.alloc(5);
    head[0] = 0x45; // 'E'
    head.writeInt32BE(4 + body.length, 1);
    this.gone = true;
    this.msgs = [];
    if (!this.sock.destroyed) this.sock.end(Buffer.concat([head, body]));
    wake(this);
  }
}

function wake(c) {
  if (c === owner) {
    clearTimeout(c.idleTimer);
    c.idleTimer = null;
  } else if (!c.queued && c.msgs.length) {
    c.queued = true;
    waiting.push(c);
  }
  pump();
}

// Runs messages on the backend, one connection's turn at a time. Only one
// pump loop runs; it returns whenever the owner has to wait for its client.
async function pump() {
  if (pumping || stopping) return;
  pumping = true;
  try {
    while (!stopping) {
      if (!owner) {
        owner = waiting.shift() ?? null;
        if (!owner) break;
        owner.queued = false;
        if (!owner.msgs.length) {
          owner = null; // its messages went with a fatal error
          continue;
        }
      }
      const c = owner;
      if (!c.msgs.length) {
        if (c.gone) {
          await abandon(c);
          owner = null;
          continue;
        }
        // Mid-turn or in a transaction: hold the backend for this client, but not forever.
        if (idleTimeoutMs > 0 && !c.idleTimer) c.idleTimer = setTimeout(() => idleTimeout(c), idleTimeoutMs);
        break;
      }
      // Everything the client has sent up to the end of this turn goes to the backend at once.
      let n = 0;
      while (n < c.msgs.length && !isTurnEnd(c.msgs[n++]));
      const batch = c.msgs.splice(0, n).map(refuseCopyIn);
      let last = -1;
      try {
        last = await run(batch.length === 1 ? batch[0] : Buffer.concat(batch), (d) => c.write(Buffer.from(d)));
      } catch (err) {
        await restart(c, err);
        continue;
      }
      if (last === READY_FOR_QUERY && !db.isInTransaction()) {
        owner = null; // turn over; back of the queue if it has pipelined more
        if (c.msgs.length) wake(c);
      }
    }
  } finally {
    pumping = false;
  }
}

// PGlite's backend reads COPY data from the bytes of the same call, finds none,
// and exits; so a Query with COPY FROM STDIN becomes one that fails cleanly.
function refuseCopyIn(msg) {
  if (msg[0] !== 0x51 || !/(^|;)\s*copy\b[^;]*\bfrom\s+stdin\b/i.test(msg.toString('utf8', 5, msg.length - 1))) return msg;
  return query(
    "DO $devdb$ BEGIN RAISE EXCEPTION USING ERRCODE = 'feature_not_supported', " +
      "MESSAGE = 'COPY FROM STDIN does not work on PGlite over the wire; use INSERT'; END $devdb$",
  );
}

// The backend died (a dead PGlite instance spins on its next message): drop
// every connection, as PostgreSQL does after a backend crash, and reopen.
async function restart(c, err) {
  log(`connection ${c.id}: the backend failed (${err?.message ?? err}); closing all connections and reopening ${opt.db}`);
  for (const x of [...conns, c]) {
    x.gone = true;
    x.msgs = [];
    clearTimeout(x.idleTimer);
    x.sock.destroy();
  }
  waiting.length = 0;
  owner = null;
  try {
    db = await open();
  } catch (e) {
    console.error('devdb-server: cannot reopen the database:', e);
    process.exit(1);
  }
  process.exitCode = undefined; // Emscripten's exit() set it
  log('backend reopened');
}

function isTurnEnd(msg) {
  return msg[0] === 0 /* startup */ || TURN_END.has(msg[0]);
}

// Runs protocol bytes on the backend and returns the type of the last message
// it answered with (ReadyForQuery unless a turn is still open).
async function run(bytes, onData) {
  let last = -1;
  let head = 0; // header bytes of the current message seen so far
  let rest = 0; // body bytes of the current message still to come
  const lenBuf = Buffer.alloc(4);
  await db.runExclusive(() =>
    db.execProtocolRawStream(bytes, {
      onRawData: (d) => {
        for (let i = 0; i < d.length; ) {
          if (rest > 0) {
            const k = Math.min(rest, d.length - i);
            i += k;
            rest -= k;
          } else if (head === 0) {
            last = d[i++];
            head = 1;
          } else {
            lenBuf[head - 1] = d[i++];
            if (++head === 5) {
              rest = lenBuf.readInt32BE(0) - 4;
              head = 0;
            }
          }
        }
        onData(d);
      },
    }),
  );
  return last;
}

const discard = () => {};
const query = (sql) => {
  const s = Buffer.from(`${sql}\0`);
  const m = Buffer.alloc(5);
  m[0] = 0x51; // 'Q'
  m.writeInt32BE(4 + s.length, 1);
  return Buffer.concat([m, s]);
};
const SYNC = Buffer.from([0x53, 0, 0, 0, 4]);

// The owner left mid-turn or inside a transaction: undo its work as a
// disconnect does in PostgreSQL. ROLLBACK first (it also aborts an implicit
// extended-protocol transaction), Sync to leave a skip-till-Sync error state,
// then ROLLBACK again if that left a failed transaction block.
async function abandon(c) {
  clearTimeout(c.idleTimer);
  c.idleTimer = null;
  try {
    await run(query('ROLLBACK'), discard);
    await run(SYNC, discard);
    if (db.isInTransaction()) await run(query('ROLLBACK'), discard);
  } catch (err) {
    return restart(c, err);
  }
  if (db.isInTransaction()) log(`connection ${c.id}: backend still in a transaction after rollback`);
}

function idleTimeout(c) {
  c.idleTimer = null;
  if (owner !== c || c.msgs.length || c.gone) return;
  log(
    `connection ${c.id} (${c.sock.remoteAddress}:${c.sock.remotePort}) held the backend idle for ${idleTimeoutMs} ms ` +
      `(${db.isInTransaction() ? 'in a transaction' : 'mid-turn'}); rolling back and disconnecting it`,
  );
  c.fatal('25P03', 'terminating connection due to idle-in-transaction timeout');
}

const server = net.createServer((sock) => {
  sock.setNoDelay(true);
  const c = new Conn(sock);
  if (stopping) return sock.destroy();
  if (conns.size >= maxConnections) c.rejected = true; // told after its startup packet
  else conns.add(c);
  sock.on('data', (d) => c.onData(d));
  sock.on('error', () => {}); // 'close' follows
  sock.on('close', () => c.onClose());
});

server.on('error', (err) => {
  console.error('devdb-server:', err.message);
  process.exit(1);
});
server.listen(port, opt.host, () => {
  log(`devdb-server listening on ${opt.host}:${server.address().port} (data: ${opt.db})`);
});

async function shutdown(sig) {
  if (stopping) {
    log(`${sig} again: exiting now`);
    process.exit(1);
  }
  stopping = true;
  log(`${sig}: shutting down`);
  server.close();
  for (const c of conns) c.sock.destroy();
  try {
    await db.runExclusive(async () => {}); // let a running message finish
    if (db.isInTransaction()) await run(query('ROLLBACK'), discard);
    await db.close(); // flushes the data directory
  } catch (err) {
    console.error('devdb-server: closing the database:', err);
    process.exit(1);
  }
  log('stopped');
  process.exit(0);
}
process.on('SIGINT', () => shutdown('SIGINT'));
process.on('SIGTERM', () => shutdown('SIGTERM'));
