import { describe, expect, it } from 'vitest';
import { isPlaceholder, isTemplate } from '../../src/detect/filters.js';
import { randomString } from '../helpers/tokens.js';

const B64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

describe('isPlaceholder', () => {
  it('recognises placeholder words, masks and sequences', () => {
    for (const value of [
      'your-api-key-here', 'YOUR_API_KEY', '<TOKEN>', '<your-password>', 'changeme', 'change_me_2024', 'REPLACE_ME', 'replace-me-with-real-value-1',
      '****', '********', 'xxxxxxxxxxxxxxxxxxxx', 'sk_live_xxxxxxxxxxxxxxxxxxxxxxxx', '[REDACTED]', 'dummy-secret-123', 'fake_token_for_tests_1', 'sample_password_1',
      'my-secret-key-2', 'todo-set-in-vault-1', 'sk-proj-ab12...wxyz', '1234567890abcdef', 'abcdefghijklmnop', '00000000000000000000',
    ]) {
      expect(isPlaceholder(value), value).toBe(true);
    }
  });

  it('recognises documented example keys', () => {
    expect(isPlaceholder(['AKIA', 'IOSFODNN7', 'EXAMPLE'].join(''))).toBe(true);
    expect(isPlaceholder(['wJalrXUtnFEMI', '/K7MDENG/', 'bPxRfiCY', 'EXAMPLEKEY'].join(''))).toBe(true);
    expect(isPlaceholder(['sk_', 'test_', '4eC39HqLyjWDarjtT1zdp7dc'].join(''))).toBe(true);
  });

  it('keeps random tokens that happen to contain a short placeholder word', () => {
    // Random base64 is full of "4My6", ".tBd-", "-MY_": words count only between separators, or before a credential word.
    for (const inner of ['4My6', 'Todo', '.tBd-', '-MY_', 'xSome1', 'fake9']) {
      const value = `${randomString(20)}${inner}${randomString(20)}`;
      expect(isPlaceholder(value), value).toBe(false);
    }
    for (let i = 0; i < 200; i++) {
      const value = randomString(40, B64URL).replace(/^[-_]/, 'a');
      if (/(?:^|[^A-Za-z0-9])(?:your|some|fake|sample|insert|todo|fixme)(?:[^A-Za-z0-9]|$)|\.{3}|-{5}|_{4}/i.test(value)) continue;
      expect(isPlaceholder(value), value).toBe(false);
    }
  });

  it('does not take a random password with digits for a sequence', () => {
    expect(isPlaceholder('Xk29sdfjJ2kd8s')).toBe(false);
    expect(isPlaceholder('abc123')).toBe(false);
  });
});

describe('isTemplate', () => {
  it('recognises template and environment references', () => {
    for (const value of [
      '${DB_PASSWORD}', '${DB_PASSWORD:-}', '$DB_PASSWORD', '$(DB_PASSWORD)', '{{ .Values.db.password }}', '{{ vault_db_password }}', 'process.env.API_KEY',
      'os.environ["API_KEY"]', '%(api_key)s', '%API_KEY%', '{api_key}', '#{ApiKey}', '__API_KEY__', '<%= api_key %>',
      `ENC[AES256_GCM,data:${randomString(24)},iv:${randomString(43)}=,type:str]`, `ENC(${randomString(32)})`,
    ]) {
      expect(isTemplate(value), value).toBe(true);
    }
  });

  it('does not take secrets for templates', () => {
    expect(isTemplate(randomString(32))).toBe(false);
    expect(isTemplate(`pa$$${randomString(12)}`)).toBe(false);
    expect(isTemplate('ENCRYPTED')).toBe(false);
  });
});
