// A rule is registered in one place, rules/index.ts; everything else that names the rules must
// agree with it: the settings schema in package.json, the settings' description in both
// languages, the rule's documentation page, its annotated fixture pages and the README's table.
// Adding, renaming or dropping a rule without the others fails here, naming what is missing.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { rules } from '../../server/src/rules';

const root = path.join(__dirname, '..', '..');
const read = (p: string) => fs.readFileSync(path.join(root, p), 'utf8');
const ids = rules.map(r => r.meta.id);

describe('the rule registry and the places that name rules', () => {
  it('has unique kebab-case ids, each defined in a module named after it', () => {
    assert.equal(new Set(ids).size, ids.length);
    for (const id of ids) {
      assert.match(id, /^[a-z]+(?:-[a-z]+)*$/);
      assert.ok(fs.existsSync(path.join(root, 'server', 'src', 'rules', `${id}.ts`)), `server/src/rules/${id}.ts`);
    }
  });

  it('agrees with the settings schema in package.json', () => {
    const pkg = JSON.parse(read('package.json'));
    const configuration = [pkg.contributes.configuration].flat();
    const schema = configuration.map((c: any) => c.properties['jiaodui.rules']).find(Boolean);
    assert.deepEqual(Object.keys(schema.properties).sort(), [...ids].sort());
    for (const rule of rules) {
      const described = JSON.stringify(schema.properties[rule.meta.id]);
      assert.match(described, /"error","warning","info","hint"/, `${rule.meta.id}: severities`);
    }
  });

  it('is listed in the rules setting\'s description, in English and in Chinese', () => {
    for (const file of ['package.nls.json', 'package.nls.zh-cn.json']) {
      const text = JSON.parse(read(file))['config.rules'] as string;
      const listed = [...text.matchAll(/`([a-z]+(?:-[a-z]+)+)`/g)].map(m => m[1]);
      assert.deepEqual([...new Set(listed)].sort(), [...ids].sort(), file);
    }
  });

  it('has a documentation page per rule, with its default severity, and none for a rule that is not registered', () => {
    const docs = fs.readdirSync(path.join(root, 'docs', 'rules')).filter(f => f.endsWith('.md')).map(f => f.slice(0, -3));
    assert.deepEqual(docs.sort(), [...ids].sort());
    for (const rule of rules) {
      const doc = read(`docs/rules/${rule.meta.id}.md`);
      assert.match(doc, new RegExp(`^# \`?${rule.meta.id}\`?`), `docs/rules/${rule.meta.id}.md starts with its id`);
      assert.equal(/default severity: `(\w+)`/.exec(doc)?.[1], rule.meta.severity, `docs/rules/${rule.meta.id}.md: default severity`);
    }
  });

  it('has annotated fixture pages per rule: at least one it must flag and one it must leave alone', () => {
    for (const id of ids) {
      const dir = path.join(root, 'test', 'fixtures', id);
      assert.ok(fs.existsSync(dir), `test/fixtures/${id}/`);
      const expected = fs.readdirSync(dir).filter(f => f.endsWith('.expected.json')).map(f => JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8')));
      const counts = expected.map(e => e.findings.length);
      assert.ok(counts.some(n => n > 0), `${id}: no fixture page with findings`);
      assert.ok(counts.some(n => n === 0) || expected.length >= 2, `${id}: no fixture page documenting what it leaves alone`);
    }
  });

  it('has one row per rule in the README\'s table, in the registry\'s order', () => {
    const rows = [...read('README.md').matchAll(/^\| `([a-z-]+)` \|/gm)].map(m => m[1]);
    assert.deepEqual(rows, ids);
  });
});
