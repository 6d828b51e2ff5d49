/**
 * Problems with a source or an import (lib/user-sources.ts) in the user's language: the
 * message from the problem's code and parameters, and where it is ("sources[37].domains[1]").
 */
import { topField, type SourceProblem } from '../../lib/user-sources';
import { formatList, formatNumber, ownershipLabel, scopeLabel, t, typeLabel } from '../i18n';

function otherText(other: string | number | undefined): string {
  if (typeof other === 'number') return `sources[${other}]`;
  return other === undefined ? '' : `“${other}”`;
}

function choices(field: string, values: string | number | undefined): string {
  const list = String(values ?? '')
    .split(', ')
    .filter(Boolean);
  const label = field === 'type' ? typeLabel : field === 'scope' ? scopeLabel : field === 'ownership' ? ownershipLabel : (v: string) => v;
  return formatList(list.map(label), 'disjunction');
}

/** What is wrong, in the UI language, without saying where. */
export function problemMessage(p: SourceProblem): string {
  const field = topField(p.field);
  const params = p.params ?? {};
  switch (p.code) {
    case 'required':
      return t('opt_err_required');
    case 'empty':
      return field === 'languages' ? t('opt_err_languages_empty') : t('opt_err_empty');
    case 'format':
      switch (field) {
        case 'id':
          return t('opt_err_id');
        case 'domains':
          return t('opt_err_domain');
        case 'country':
          return t('opt_err_country');
        case 'languages':
          return t('opt_err_language');
        case 'ratings':
          return p.field.endsWith('.date') ? t('opt_err_date') : t('opt_err_format');
        default:
          return t('opt_err_format');
      }
    case 'choice':
      return t('opt_err_choice', choices(field, params.values));
    case 'type':
      return t('opt_err_type');
    case 'country-unknown':
      return params.suggestion === 'GB' ? t('opt_err_country_uk') : t('opt_err_country_unknown');
    case 'language-invalid':
      return t('opt_err_language');
    case 'duplicate-id':
      return typeof params.other === 'number'
        ? t('opt_err_duplicate_id_entry', otherText(params.other))
        : t('opt_err_duplicate_id');
    case 'domain-taken':
      return t('opt_err_domain_taken', [String(params.domain ?? ''), otherText(params.other)]);
    case 'unknown-field':
      return params.suggestion ? t('opt_err_unknown_field_suggest', String(params.suggestion)) : t('opt_err_unknown_field');
    case 'not-object':
      return t('opt_err_not_object');
    case 'json':
      return p.line !== undefined
        ? t('opt_err_json_at', [formatNumber(p.line), formatNumber(p.column ?? 1)])
        : t('opt_err_json');
    case 'shape':
      return t('opt_err_shape');
    case 'newer':
      return t('opt_err_newer');
    case 'registry-file':
      return t('opt_err_registry_file');
    case 'too-many':
      return t('opt_err_too_many', formatNumber(Number(params.max ?? 0)));
    default:
      return p.message;
  }
}

/** Where the problem is: "sources[37].domains[1]", "domains[1]", or '' for the whole file. */
export function problemPlace(p: SourceProblem): string {
  const entry = p.entry === null ? '' : `sources[${p.entry}]`;
  if (!p.field) return entry;
  return entry ? `${entry}.${p.field}` : p.field;
}
