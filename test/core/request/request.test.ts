import { MAX_BODY_BYTES, parseRequest, WebAppEvent } from '../../../src/core/request/request';

const get = (parameters: Record<string, string[]>) => ({
  parameters,
  parameter: Object.fromEntries(Object.entries(parameters).map(([k, v]) => [k, v[0]])),
});
const json = (contents: string, query: Record<string, string[]> = {}): WebAppEvent => ({
  ...get(query),
  postData: { contents, length: contents.length, type: 'application/json' },
});

describe('parseRequest', () => {
  test('reads the fields SnapEngage sends', () => {
    const parsed = parseRequest(
      get({
        email: ['test@test.com'],
        ip: ['127.0.0.1'],
        url: ['http://www.test.com/chat'],
        caseId: ['b88d'],
        key: ['K'],
      }),
    );
    expect(parsed).toEqual({
      kind: 'lookup',
      request: { email: 'test@test.com', key: 'K', ip: '127.0.0.1', url: 'http://www.test.com/chat', caseId: 'b88d' },
    });
  });

  test('a missing event or no parameters is not an error here (the email check says what is missing)', () => {
    expect(parseRequest(undefined)).toEqual({
      kind: 'lookup',
      request: { email: undefined, key: undefined, ip: '', url: '', caseId: '' },
    });
  });

  test('status asks for the version only when no email is sent', () => {
    expect(parseRequest(get({ status: [''] }))).toEqual({ kind: 'status' });
    expect(parseRequest(get({ status: [''], email: ['a@b.co'] }))).toMatchObject({ kind: 'lookup' });
  });

  test.each(['email', 'ip', 'url', 'caseId'])('%s sent twice with different values is explained', (field) => {
    expect(parseRequest(get({ [field]: ['a', 'b'] }))).toEqual({
      kind: 'invalid',
      error: `The ${field} parameter was sent more than once; send it once.`,
    });
  });

  test('two different keys are refused like a wrong key, whatever else is wrong', () => {
    expect(parseRequest(get({ key: ['a', 'b'] }))).toEqual({ kind: 'refused' });
    expect(parseRequest(get({ key: ['a', 'b'], email: ['x@y.co', 'z@y.co'] }))).toEqual({ kind: 'refused' });
    expect(parseRequest(json('{"key":"b"}', { key: ['a'] }))).toEqual({ kind: 'refused' });
    expect(parseRequest(get({ key: ['K', 'K?email=a@b.co', 'L?email=a@b.co'] }))).toEqual({ kind: 'refused' });
  });

  test('identical repeated values count as one, for any field, in any place', () => {
    expect(parseRequest(get({ key: ['K', 'K'], email: ['a@b.co', 'a@b.co'] }))).toMatchObject({
      kind: 'lookup',
      request: { key: 'K', email: 'a@b.co' },
    });
    expect(parseRequest(json('{"email":"a@b.co","key":"K"}', { email: ['a@b.co'], key: ['K'] }))).toMatchObject({
      kind: 'lookup',
      request: { key: 'K', email: 'a@b.co' },
    });
  });

  test('a JSON body naming a field twice counts as repeated (JSON.parse would keep only the last)', () => {
    expect(parseRequest(json('{"email":"a@b.co","email":"c@d.co"}'))).toEqual({
      kind: 'invalid',
      error: 'The email parameter was sent more than once; send it once.',
    });
    expect(parseRequest(json('{"key":"K","key":"L"}'))).toEqual({ kind: 'refused' });
    expect(parseRequest(json('{"email":"a@b.co","email":"a@b.co","key":"K"}'))).toMatchObject({ kind: 'lookup' });
  });

  test('unknown parameters are ignored, even repeated', () => {
    expect(parseRequest(get({ email: ['a@b.co'], utm: ['1', '2'] })).kind).toBe('lookup');
  });

  test('the email glued to the key by SnapEngage ("key=SECRET?email=…") is split off', () => {
    const parsed = parseRequest(get({ key: ['SECRET?email=jane+chat@example.com'], ip: ['1.2.3.4'] }));
    expect(parsed).toEqual({
      kind: 'lookup',
      request: expect.objectContaining({ key: 'SECRET', email: 'jane+chat@example.com', ip: '1.2.3.4' }),
    });
  });

  test('an unencoded "+" that form decoding turned into a space is restored from the raw query', () => {
    const plain = { ...get({ email: ['jane chat@example.com'] }), queryString: 'email=jane+chat%40example.com' };
    expect(parseRequest(plain)).toMatchObject({ request: { email: 'jane+chat@example.com' } });
    const glued = { ...get({ key: ['K?email=a b@x.co'] }), queryString: 'key=K?email=a+b%40x.co' };
    expect(parseRequest(glued)).toMatchObject({ request: { key: 'K', email: 'a+b@x.co' } });
    const contents = 'email=jane+chat%40example.com';
    const form = {
      ...get({ email: ['jane chat@example.com'] }),
      postData: { contents, length: contents.length, type: 'application/x-www-form-urlencoded' },
    };
    expect(parseRequest(form)).toMatchObject({ request: { email: 'jane+chat@example.com' } });
    const realSpace = { ...get({ email: ['jane chat@example.com'] }), queryString: 'email=jane%20chat%40example.com' };
    expect(parseRequest(realSpace)).toMatchObject({ request: { email: 'jane chat@example.com' } });
  });

  test('a glued email that is also sent on its own: one value if equal, explained if not', () => {
    expect(parseRequest(get({ key: ['S?email=a@b.co'], email: ['a@b.co'] })).kind).toBe('lookup');
    expect(parseRequest(get({ key: ['S?email=a@b.co'], email: ['c@b.co'] })).kind).toBe('invalid');
  });

  test('a glued value keeps later "=" and "?" characters as they are', () => {
    expect(parseRequest(get({ key: ['S?email=we?ird=x@b.co'] }))).toMatchObject({
      request: { key: 'S', email: 'we?ird=x@b.co' },
    });
  });

  test('JSON bodies provide the same fields and combine with query parameters', () => {
    expect(parseRequest(json(JSON.stringify({ email: 'jane@example.com', key: 'K', caseId: 'c1' })))).toMatchObject({
      request: { email: 'jane@example.com', key: 'K', caseId: 'c1' },
    });
    expect(parseRequest(json('{"email":"jane@example.com"}', { key: ['K'] }))).toMatchObject({
      request: { key: 'K', email: 'jane@example.com' },
    });
    expect(parseRequest(json('{"email":"jane@example.com"}', { email: ['x@y.co'] })).kind).toBe('invalid');
  });

  test.each([
    ['{not json', 'application/json', 'The request body is not valid JSON.'],
    ['[1,2]', 'application/json', 'The JSON body must be an object such as {"email": "jane@example.com"}.'],
    ['null', 'application/json', 'The JSON body must be an object such as {"email": "jane@example.com"}.'],
    ['{"email": 5}', 'application/json', 'The email field must be text.'],
    ['<xml/>', 'text/xml', 'Unsupported request body: send form fields or a JSON object.'],
  ])('a malformed body %s is refused with a clear text', (contents, type, error) => {
    expect(
      parseRequest({ parameter: {}, parameters: {}, postData: { contents, length: contents.length, type } }),
    ).toEqual({
      kind: 'invalid',
      error,
    });
  });

  test('form bodies are already in the parameters, so the raw body is not parsed again', () => {
    const contents = 'email=a%40b.co';
    const parsed = parseRequest({
      ...get({ email: ['a@b.co'] }),
      postData: { contents, length: contents.length, type: 'application/x-www-form-urlencoded' },
    });
    expect(parsed).toMatchObject({ request: { email: 'a@b.co' } });
  });

  test('an oversized body is refused before it is parsed', () => {
    const contents = `{"email":"${'a'.repeat(MAX_BODY_BYTES)}"}`;
    expect(parseRequest(json(contents))).toEqual({ kind: 'invalid', error: 'The request body is larger than 16 KB.' });
  });

  test('logged-only fields are shortened, not refused', () => {
    const parsed = parseRequest(get({ url: ['u'.repeat(5000)], ip: ['i'.repeat(100)], caseId: ['c'.repeat(300)] }));
    expect(
      parsed.kind === 'lookup' && [parsed.request.url.length, parsed.request.ip.length, parsed.request.caseId.length],
    ).toEqual([2048, 64, 128]);
  });

  test('parameters inherited from Object.prototype are not fields', () => {
    expect(parseRequest({ parameter: Object.create({ email: 'x@y.co' }), parameters: {} })).toMatchObject({
      request: { email: undefined },
    });
  });
});
