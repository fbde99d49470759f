/**
 * conv2d's `groups`: the C_in input channels and the K filters split into G groups, filter k seeing only the C_in/G
 * channels of its group; G must divide both. Depthwise is G = C_in (each channel filtered on its own, K = C_in·m).
 * When G does not divide, the error offers the nearest groups that divide both (below and above), depthwise when
 * the filters allow it, and the nearest filter counts that G divides.
 */
import { diagnostic, setAttributeFix, type Diagnostic, type Fix } from '../../shape/diagnostics';
import { formatRatio } from '../../shape/format';

function dividesBoth(g: number, c: number, k: number): boolean {
  return c % g === 0 && k % g === 0;
}

export function groupsProblem(node: string, channels: number, filters: number, groups: number): Diagnostic | null {
  if (dividesBoth(groups, channels, filters)) return null;
  const fixes: Fix[] = [];
  const offered = new Set<string>();
  const offer = (title: string, attribute: string, value: number) => {
    const key = `${attribute}=${value}`;
    if (offered.has(key)) return;
    offered.add(key);
    fixes.push(setAttributeFix(title, node, attribute, value));
  };
  const perGroup = (g: number) => `${channels / g} channel${channels / g === 1 ? '' : 's'} and ${filters / g} filter${filters / g === 1 ? '' : 's'} per group`;
  for (let g = Math.min(groups, channels) - 1; g >= 1; g--) {
    if (dividesBoth(g, channels, filters)) {
      offer(`groups ${g} → ${perGroup(g)}`, 'groups', g);
      break;
    }
  }
  for (let g = groups + 1; g <= channels; g++) {
    if (dividesBoth(g, channels, filters)) {
      offer(`groups ${g}${g === channels ? ' (depthwise)' : ''} → ${perGroup(g)}`, 'groups', g);
      break;
    }
  }
  if (filters % channels === 0) offer(`groups ${channels} (depthwise) → ${perGroup(channels)}`, 'groups', channels);
  if (channels % groups === 0) {
    const down = Math.floor(filters / groups) * groups;
    const up = down + groups;
    if (down >= 1) offer(`filters ${down} → ${down / groups} per group`, 'filters', down);
    offer(`filters ${up} → ${up / groups} per group`, 'filters', up);
  }
  const parts: string[] = [];
  if (channels % groups !== 0) parts.push(`the ${channels} input channels (${channels}/${groups} = ${formatRatio(channels / groups)})`);
  if (filters % groups !== 0) parts.push(`the ${filters} filters (${filters}/${groups} = ${formatRatio(filters / groups)})`);
  return diagnostic(
    node,
    'error',
    'groups-do-not-divide',
    `groups ${groups} must divide both the input channels and the filters, and does not divide ${parts.join(' or ')}: ` +
      'every group needs the same whole number of channels and of filters.',
    fixes,
    'groups',
  );
}
