/**
 * `/c/<slug>/qr.svg` and `/c/<slug>/qr.png`. No QR decoder is installed, so the test proves the next best thing: the
 * symbol in both images is module for module the one the qrcode library builds for the card URL, and that symbol's
 * segments carry exactly the URL.
 */
import { inflateSync } from 'node:zlib';
import QRCode from 'qrcode';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scimClient } from '../../src/testkit/scim-client.js';
import { startHost, type TestHost } from '../helpers/test-host.js';

const MARGIN = 4;
let host: TestHost;
let slug: string;
let cardUrl: string;

beforeAll(async () => {
  host = await startHost();
  const dir = await host.createDirectory({ org: 'public-qr', provider: 'entra' });
  const created = await scimClient(dir.tenantUrl, dir.secretToken).post('/Users', {
    schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
    userName: 'qr@public-qr.example',
    displayName: 'Quinn Rhodes',
    active: true,
  });
  expect(created.status).toBe(201);
  [{ slug }] = (await host.query<{ slug: string }>('select slug from card where user_id = $1', [created.body.id])) as [{ slug: string }];
  cardUrl = `${host.config.publicUrl}/c/${slug}`;
});
afterAll(async () => await host?.close());

/** The reference symbol: the modules the library computes for the card URL, as rows of booleans. */
function expectedModules(): boolean[][] {
  const symbol = QRCode.create(cardUrl, { errorCorrectionLevel: 'M' });
  const { size, data } = symbol.modules;
  return Array.from({ length: size }, (_, row) => Array.from({ length: size }, (_, col) => Boolean(data[row * size + col])));
}

describe('the QR symbol of a card', () => {
  it('encodes exactly the card URL', () => {
    const symbol = QRCode.create(cardUrl, { errorCorrectionLevel: 'M' });
    const decoder = new TextDecoder();
    const text = symbol.segments.map((s) => (typeof s.data === 'string' ? s.data : decoder.decode(s.data as unknown as Uint8Array))).join('');
    expect(text).toBe(cardUrl);
    expect(cardUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/c\/[A-Za-z0-9_-]{22}$/);
  });
});

describe('GET /c/:slug/qr.svg', () => {
  it('is an SVG document whose path draws the card URL’s symbol', async () => {
    const response = await fetch(`${cardUrl}/qr.svg`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('image/svg+xml; charset=utf-8');
    expect(response.headers.get('content-security-policy')).toBe("default-src 'none'; frame-ancestors 'none'; sandbox");
    const svg = await response.text();
    expect(svg).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg" viewBox="0 0 (\d+) \1"[^>]*>[\s\S]*<\/svg>\n?$/);
    expect(svgModules(svg)).toEqual(expectedModules());
  });
});

describe('GET /c/:slug/qr.png', () => {
  it('is a PNG whose pixels show the card URL’s symbol with a quiet zone', async () => {
    const response = await fetch(`${cardUrl}/qr.png`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('image/png');
    const png = Buffer.from(await response.arrayBuffer());
    expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    expect(pngModules(decodePng(png), expectedModules().length)).toEqual(expectedModules());
  });
});

/** Replays the SVG path (`M x y` starts a row run, `m dx 0` skips, `h n` draws n modules) into a module grid. */
function svgModules(svg: string): boolean[][] {
  const size = Number(/viewBox="0 0 (\d+)/.exec(svg)![1]) - 2 * MARGIN;
  const grid = Array.from({ length: size }, () => Array<boolean>(size).fill(false));
  const d = /<path stroke="[^"]+" d="([^"]+)"/.exec(svg)![1]!;
  let x = 0;
  let y = 0;
  for (const [, cmd, a, b] of d.matchAll(/([Mmh])([\d.]+)(?: ([\d.]+))?/g)) {
    if (cmd === 'M') [x, y] = [Number(a), Number(b)];
    else if (cmd === 'm') x += Number(a);
    else for (let end = x + Number(a); x < end; x++) grid[y - 0.5 - MARGIN]![x - MARGIN] = true;
  }
  return grid;
}

interface Bitmap {
  width: number;
  height: number;
  /** Grey value (0–255) at a pixel. */
  grey(x: number, y: number): number;
}

/** A minimal PNG reader (8-bit greyscale, RGB or RGBA, not interlaced) over node:zlib. */
function decodePng(png: Buffer): Bitmap {
  let offset = 8;
  const idat: Buffer[] = [];
  let header = png.subarray(0, 0);
  while (offset < png.length) {
    const length = png.readUInt32BE(offset);
    const type = png.toString('latin1', offset + 4, offset + 8);
    const data = png.subarray(offset + 8, offset + 8 + length);
    if (type === 'IHDR') header = data;
    if (type === 'IDAT') idat.push(data);
    offset += 12 + length;
  }
  const [width, height, depth, colour, interlace] = [header.readUInt32BE(0), header.readUInt32BE(4), header[8], header[9], header[12]];
  expect({ depth, interlace }).toEqual({ depth: 8, interlace: 0 });
  const bpp = ({ 0: 1, 2: 3, 6: 4 } as Record<number, number>)[colour!]!;
  const pixels = unfilter(inflateSync(Buffer.concat(idat)), width, height, bpp);
  return { width, height, grey: (x, y) => pixels[(y * width + x) * bpp]! };
}

/** Reverses the per-scanline filters of PNG (None, Sub, Up, Average, Paeth). */
function unfilter(raw: Buffer, width: number, height: number, bpp: number): Buffer {
  const stride = width * bpp;
  const out = Buffer.alloc(stride * height);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)]!;
    for (let i = 0; i < stride; i++) {
      const value = raw[y * (stride + 1) + 1 + i]!;
      const left = i >= bpp ? out[y * stride + i - bpp]! : 0;
      const up = y > 0 ? out[(y - 1) * stride + i]! : 0;
      const upLeft = y > 0 && i >= bpp ? out[(y - 1) * stride + i - bpp]! : 0;
      const predictor = [0, left, up, (left + up) >> 1, paeth(left, up, upLeft)][filter]!;
      out[y * stride + i] = (value + predictor) & 0xff;
    }
  }
  return out;
}

function paeth(a: number, b: number, c: number): number {
  const p = a + b - c;
  const [pa, pb, pc] = [Math.abs(p - a), Math.abs(p - b), Math.abs(p - c)];
  return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
}

/** Samples the centre of every module; the quiet zone must be light. */
function pngModules(image: Bitmap, size: number): boolean[][] {
  expect(image.width).toBe(image.height);
  const scale = image.width / (size + 2 * MARGIN);
  expect(Number.isInteger(scale)).toBe(true);
  const dark = (col: number, row: number) => image.grey(Math.floor((col + 0.5) * scale), Math.floor((row + 0.5) * scale)) < 128;
  for (let i = 0; i < size + 2 * MARGIN; i++) expect(dark(i, 0) || dark(0, i)).toBe(false);
  return Array.from({ length: size }, (_, row) => Array.from({ length: size }, (_, col) => dark(col + MARGIN, row + MARGIN)));
}
