import { describe, expect, it } from 'vitest';
import { escapeHtml, html, raw } from '../../src/public/html.js';

describe('html tagged template', () => {
  it('escapes every interpolated string', () => {
    const v = `<script>alert(1)</script> & "q" 'a' \`b\``;
    expect(html`<p title="${v}">${v}</p>`.value).toBe(
      '<p title="&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;q&quot; &#39;a&#39; &#96;b&#96;">' +
        '&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;q&quot; &#39;a&#39; &#96;b&#96;</p>',
    );
    expect(escapeHtml('&amp;')).toBe('&amp;amp;');
  });

  it('inserts nested fragments and arrays once, without escaping them twice', () => {
    const items = ['<a>', 'b&c'].map((x) => html`<li>${x}</li>`);
    expect(html`<ul>${items}</ul>`.value).toBe('<ul><li>&lt;a&gt;</li><li>b&amp;c</li></ul>');
    expect(html`${[[html`<i>${'<'}</i>`], 'x<']}`.value).toBe('<i>&lt;</i>x&lt;');
  });

  it('renders nothing for null, undefined and false; numbers as text', () => {
    expect(html`[${null}${undefined}${false}${0}${12.5}]`.value).toBe('[012.5]');
  });

  it('trusts only raw() and html results, never a look-alike object', () => {
    expect(html`${raw('<b>ok</b>')}`.value).toBe('<b>ok</b>');
    const fake = { value: '<b>x</b>', toString: () => '<b>x</b>' } as unknown as string;
    expect(html`${fake}`.value).toBe('&lt;b&gt;x&lt;/b&gt;');
    expect(String(html`<i>${'&'}</i>`)).toBe('<i>&amp;</i>');
  });
});
