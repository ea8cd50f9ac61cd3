import { MAX_BODY_BYTES, parseRequest } from '../../src/core/request';

const get = (parameters: Record<string, string[]>) => ({
  parameters,
  parameter: Object.fromEntries(Object.entries(parameters).map(([k, v]) => [k, v[0]])),
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
      ok: true,
      request: {
        email: 'test@test.com',
        key: 'K',
        ip: '127.0.0.1',
        url: 'http://www.test.com/chat',
        caseId: 'b88d',
        status: false,
      },
    });
  });

  test('a missing event or no parameters is not an error here (the email check says what is missing)', () => {
    expect(parseRequest(undefined)).toEqual({
      ok: true,
      request: { email: undefined, key: undefined, ip: '', url: '', caseId: '', status: false },
    });
  });

  test('status asks for the version only when no email is sent', () => {
    expect(parseRequest(get({ status: [''] }))).toMatchObject({ ok: true, request: { status: true } });
    expect(parseRequest(get({ status: [''], email: ['a@b.co'] }))).toMatchObject({
      ok: true,
      request: { status: false },
    });
  });

  test.each(['email', 'key', 'ip', 'url', 'caseId'])('a repeated %s is refused', (field) => {
    const parsed = parseRequest(get({ [field]: ['a', 'b'] }));
    expect(parsed).toEqual({ ok: false, error: `The ${field} parameter was sent more than once; send it once.` });
  });

  test('unknown parameters are ignored, even repeated', () => {
    expect(parseRequest(get({ email: ['a@b.co'], utm: ['1', '2'] })).ok).toBe(true);
  });

  test('the email glued to the key by SnapEngage ("key=SECRET?email=…") is split off', () => {
    const parsed = parseRequest(get({ key: ['SECRET?email=jane+chat@example.com'], ip: ['1.2.3.4'] }));
    expect(parsed).toEqual({
      ok: true,
      request: expect.objectContaining({ key: 'SECRET', email: 'jane+chat@example.com', ip: '1.2.3.4' }),
    });
  });

  test('an unencoded "+" that form decoding turned into a space is restored from the raw query', () => {
    const plain = { ...get({ email: ['jane chat@example.com'] }), queryString: 'email=jane+chat%40example.com' };
    expect(parseRequest(plain)).toMatchObject({ ok: true, request: { email: 'jane+chat@example.com' } });
    const glued = { ...get({ key: ['K?email=a b@x.co'] }), queryString: 'key=K?email=a+b%40x.co' };
    expect(parseRequest(glued)).toMatchObject({ ok: true, request: { key: 'K', email: 'a+b@x.co' } });
    const contents = 'email=jane+chat%40example.com';
    const form = {
      ...get({ email: ['jane chat@example.com'] }),
      postData: { contents, length: contents.length, type: 'application/x-www-form-urlencoded' },
    };
    expect(parseRequest(form)).toMatchObject({ ok: true, request: { email: 'jane+chat@example.com' } });
    const realSpace = { ...get({ email: ['jane chat@example.com'] }), queryString: 'email=jane%20chat%40example.com' };
    expect(parseRequest(realSpace)).toMatchObject({ ok: true, request: { email: 'jane chat@example.com' } });
  });

  test('a glued email that is also sent on its own counts as repeated', () => {
    expect(parseRequest(get({ key: ['S?email=a@b.co'], email: ['a@b.co'] })).ok).toBe(false);
  });

  test('a glued value keeps later "=" and "?" characters as they are', () => {
    const parsed = parseRequest(get({ key: ['S?email=we?ird=x@b.co'] }));
    expect(parsed.ok && parsed.request).toMatchObject({ key: 'S', email: 'we?ird=x@b.co' });
  });

  test('JSON bodies provide the same fields', () => {
    const body = JSON.stringify({ email: 'jane@example.com', key: 'K', caseId: 'c1' });
    const parsed = parseRequest({
      parameter: {},
      parameters: {},
      postData: { contents: body, length: body.length, type: 'application/json' },
    });
    expect(parsed.ok && parsed.request).toMatchObject({ email: 'jane@example.com', key: 'K', caseId: 'c1' });
  });

  test('JSON combines with query parameters, but a field in both is repeated', () => {
    const body = JSON.stringify({ email: 'jane@example.com' });
    const postData = { contents: body, length: body.length, type: 'application/json' };
    expect(parseRequest({ ...get({ key: ['K'] }), postData })).toMatchObject({
      ok: true,
      request: { key: 'K', email: 'jane@example.com' },
    });
    expect(parseRequest({ ...get({ email: ['x@y.co'] }), postData }).ok).toBe(false);
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
    ).toEqual({ ok: false, error });
  });

  test('form bodies are already in the parameters, so the raw body is not parsed again', () => {
    const contents = 'email=a%40b.co';
    const parsed = parseRequest({
      ...get({ email: ['a@b.co'] }),
      postData: { contents, length: contents.length, type: 'application/x-www-form-urlencoded' },
    });
    expect(parsed).toMatchObject({ ok: true, request: { email: 'a@b.co' } });
  });

  test('an oversized body is refused before it is parsed', () => {
    const contents = `{"email":"${'a'.repeat(MAX_BODY_BYTES)}"}`;
    expect(
      parseRequest({
        parameter: {},
        parameters: {},
        postData: { contents, length: contents.length, type: 'application/json' },
      }),
    ).toEqual({
      ok: false,
      error: 'The request body is larger than 16 KB.',
    });
  });

  test('logged-only fields are shortened, not refused', () => {
    const parsed = parseRequest(get({ url: ['u'.repeat(5000)], ip: ['i'.repeat(100)], caseId: ['c'.repeat(300)] }));
    expect(parsed.ok && [parsed.request.url.length, parsed.request.ip.length, parsed.request.caseId.length]).toEqual([
      2048, 64, 128,
    ]);
  });

  test('parameters inherited from Object.prototype are not fields', () => {
    expect(parseRequest({ parameter: Object.create({ email: 'x@y.co' }), parameters: {} })).toMatchObject({
      ok: true,
      request: { email: undefined },
    });
  });
});
