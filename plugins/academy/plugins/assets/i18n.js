/* mkdocs-academy: one feature's interface strings in the language of the site, and the helper every
   page script reads them with. Each feature serves a copy of this script (`<feature>-strings.js`,
   academy/plugins/lazy.py) with its own settings in place of the {} at the end:
   {feature, language, strings}; its loader runs it before the feature's script. The strings come
   from academy/i18n/strings/<language>.yml, section <feature>.script, so a page carries only the strings
   of the features it shows, in its own language.
   - academyI18n.t(feature, key, values): the string, with each {name} replaced by values[name];
   - academyI18n.n(feature, key, count, values): the plural form of key (key.one, key.other, ...) that
     the language's plural rules choose for count, with {count} in the language's number format;
   - academyI18n.number(x, options), academyI18n.date(d, options): Intl formats of the language.
   A key that is missing comes back as the key itself, which the tests look for. */
(function (spec) {
  "use strict";
  const all = (window.academyStrings = window.academyStrings || {});
  all[spec.feature] = spec.strings;
  if (window.academyI18n) return;
  const language = spec.language;
  function number(x, options) {
    return new Intl.NumberFormat(language, options).format(x);
  }
  function fill(text, values) {
    return text.replace(/\{(\w+)\}/g, (whole, name) => (values && name in values ? String(values[name]) : whole));
  }
  window.academyI18n = {
    language,
    t(feature, key, values) {
      const text = (all[feature] || {})[key];
      return text === undefined ? key : fill(text, values);
    },
    n(feature, key, count, values) {
      const strings = all[feature] || {};
      const text = strings[`${key}.${new Intl.PluralRules(language).select(count)}`] ?? strings[`${key}.other`];
      return text === undefined ? key : fill(text, { ...values, count: number(count) });
    },
    number,
    date(d, options) {
      return new Intl.DateTimeFormat(language, options || { dateStyle: "long" }).format(d);
    },
  };
})({});
