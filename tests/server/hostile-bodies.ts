// A deterministic corpus of malformed and hostile request bodies for the API.
import { seededRandom as random } from '../helpers/random';

export interface HostileBody {
  route: '/api/contact' | '/api/subscribe';
  contentType?: string;
  body: string | Uint8Array<ArrayBuffer>;
}

const JSON_TYPE = 'application/json';
const FORM_TYPE = 'application/x-www-form-urlencoded';

export function hostileBodies(valid: { name: string; email: string; message: string }): HostileBody[] {
  const bodies: HostileBody[] = [];
  const json = (body: string | Uint8Array<ArrayBuffer>, contentType = JSON_TYPE) => bodies.push({ route: '/api/contact', contentType, body });
  const validText = JSON.stringify(valid);

  // Truncated JSON: every prefix of a valid body.
  for (let cut = 0; cut < validText.length; cut++) json(validText.slice(0, cut));

  // Wrong types in every field.
  const wrong: unknown[] = [null, 0, -1, 1e308, true, [], ['a'], {}, { $gt: '' }, 'a'.repeat(0)];
  for (const field of ['name', 'email', 'message', 'website']) {
    for (const value of wrong) json(JSON.stringify({ ...valid, [field]: value }));
  }
  for (const top of ['null', '[]', '"text"', '42', 'true', '[{"name":"a"}]']) json(top);

  // Huge strings (under the byte limit, so they reach validation) and a body over it.
  json(JSON.stringify({ ...valid, name: 'n'.repeat(10_000) }));
  json(JSON.stringify({ ...valid, message: 'm'.repeat(15_000) }));
  json(JSON.stringify({ ...valid, email: `${'e'.repeat(300)}@example.com` }));
  json(JSON.stringify({ ...valid, message: 'm'.repeat(40_000) }));
  json(JSON.stringify({ ...valid, message: '😀'.repeat(5001) }));

  // Prototype keys.
  json(`{"__proto__": {"polluted": true}, "name": "a", "email": "a@example.com", "message": "m"}`);
  json(`{"constructor": {"prototype": {"polluted": true}}, "name": "a", "email": "a@example.com", "message": "m"}`);
  json(`{"__proto__": null}`);
  json(`{"name": {"__proto__": {"polluted": true}}, "email": "a@example.com", "message": "m"}`);
  bodies.push({ route: '/api/contact', contentType: FORM_TYPE, body: '__proto__[polluted]=1&name=a&email=a%40example.com&message=m' });
  bodies.push({ route: '/api/contact', contentType: FORM_TYPE, body: '__proto__=x&constructor=y&name=a&email=a%40example.com&message=m' });

  // Invalid UTF-8 and unusual Unicode.
  const encoder = new TextEncoder();
  const withBytes = (prefix: string, bytes: number[], suffix: string) =>
    new Uint8Array([...encoder.encode(prefix), ...bytes, ...encoder.encode(suffix)]);
  for (const bytes of [[0xff], [0xc3, 0x28], [0xe2, 0x28, 0xa1], [0xf0, 0x28, 0x8c, 0x28], [0xc0, 0xaf], [0xed, 0xa0, 0x80], [0xfe, 0xfe], [0x80]]) {
    json(withBytes('{"name":"', bytes, `","email":"a@example.com","message":"m"}`));
    bodies.push({ route: '/api/contact', contentType: FORM_TYPE, body: withBytes('name=', bytes, '&email=a%40example.com&message=m') });
  }
  json(JSON.stringify({ ...valid, name: '\ud800' }));
  json(`{"name":"\\udc00x","email":"a@example.com","message":"m"}`);
  json(JSON.stringify({ ...valid, message: 'nul \u0000 inside' }));
  json(JSON.stringify({ ...valid, name: '\u202e\u0007\u001b[31m' }));

  // Deep nesting and odd JSON.
  json(`${'['.repeat(10_000)}${']'.repeat(10_000)}`);
  json(`{"a":${'{"a":'.repeat(2000)}1${'}'.repeat(2001)}`);
  json('{"name":"a","name":"b","email":"a@example.com","message":"m"}');
  json('\ufeff' + validText);
  json('{"name":"a" "email":"b"}');
  json("{'name':'a'}");
  json('NaN');
  json('');

  // Content-type confusion.
  for (const type of ['text/plain', 'application/xml', 'application/json; charset=latin1', 'multipart/form-data', 'application/javascript', 'image/png', ' ', 'application/json;;;', 'APPLICATION/JSON']) {
    json(validText, type);
  }
  bodies.push({ route: '/api/contact', body: validText });

  // Malformed forms.
  for (const form of ['%', '%zz=1', 'name', '=&=&=', 'name=a&name=b&email=a%40example.com&message=m', 'name[]=a&email[]=b', '&&&&', 'email=' + '%41'.repeat(4000)]) {
    bodies.push({ route: '/api/contact', contentType: FORM_TYPE, body: form });
    bodies.push({ route: '/api/subscribe', contentType: FORM_TYPE, body: form });
  }
  const boundary = 'XyZ';
  const part = (name: string, value: string, extra = '') => `--${boundary}\r\nContent-Disposition: form-data; name="${name}"${extra}\r\n\r\n${value}\r\n`;
  const multipart = `multipart/form-data; boundary=${boundary}`;
  bodies.push({ route: '/api/contact', contentType: multipart, body: part('name', 'a') });
  bodies.push({ route: '/api/contact', contentType: multipart, body: `${part('name', 'a')}--${boundary}--` });
  bodies.push({ route: '/api/contact', contentType: multipart, body: `${part('name', 'a', '; filename="x.exe"')}${part('email', 'a@example.com')}${part('message', 'm')}--${boundary}--\r\n` });
  bodies.push({ route: '/api/contact', contentType: multipart, body: 'garbage without boundaries' });
  bodies.push({ route: '/api/contact', contentType: 'multipart/form-data; boundary=', body: '----\r\n' });

  // Random bytes under each accepted type, and random JSON-ish text.
  const next = random(20260101);
  for (let i = 0; i < 60; i++) {
    const bytes = new Uint8Array(Math.floor(next() * 400));
    for (let j = 0; j < bytes.length; j++) bytes[j] = Math.floor(next() * 256);
    const type = [JSON_TYPE, FORM_TYPE, multipart][i % 3]!;
    bodies.push({ route: i % 2 ? '/api/contact' : '/api/subscribe', contentType: type, body: bytes });
  }
  const alphabet = '{}[]":,\\ntrufalse0123456789.-eE \u00e9\ud83d\ude00';
  for (let i = 0; i < 60; i++) {
    let text = '';
    const length = Math.floor(next() * 120);
    for (let j = 0; j < length; j++) text += alphabet[Math.floor(next() * alphabet.length)];
    bodies.push({ route: i % 2 ? '/api/contact' : '/api/subscribe', contentType: JSON_TYPE, body: text });
  }

  // Subscribe with the same kinds of damage.
  for (const value of wrong) bodies.push({ route: '/api/subscribe', contentType: JSON_TYPE, body: JSON.stringify({ email: value }) });
  for (const email of ['', ' ', 'a@', '@b.c', 'a@b', `${'x'.repeat(250)}@b.co`, 'a@b.c\u0000', 'a b@c.de', '<script>@x.y']) {
    bodies.push({ route: '/api/subscribe', contentType: JSON_TYPE, body: JSON.stringify({ email }) });
  }
  return bodies;
}
