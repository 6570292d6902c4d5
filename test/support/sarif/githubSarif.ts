// What GitHub code scanning reads from a SARIF log beyond the schema ("SARIF support for code scanning"):
// every rule needs shortDescription.text, fullDescription.text and help.text; `security-severity` counts
// only on a rule tagged `security` (a result's is ignored); file paths are relative to the repository root.
import type { Log } from 'sarif';

export function githubSarifProblems(log: Log): string[] {
  const problems: string[] = [];
  for (const [r, run] of log.runs.entries()) {
    for (const rule of run.tool.driver.rules ?? []) {
      const at = `runs[${r}] rule ${rule.id}`;
      if (!rule.shortDescription?.text) problems.push(`${at}: no shortDescription.text`);
      if (!rule.fullDescription?.text) problems.push(`${at}: no fullDescription.text`);
      if (!rule.help?.text) problems.push(`${at}: no help.text`);
      const severity = rule.properties?.['security-severity'] as unknown;
      if (severity !== undefined) {
        const tags = (rule.properties?.tags ?? []) as string[];
        if (!tags.includes('security')) problems.push(`${at}: security-severity without the security tag`);
        const n = Number(severity);
        if (typeof severity !== 'string' || !(n > 0 && n <= 10))
          problems.push(`${at}: security-severity ${JSON.stringify(severity)} is not a number in (0, 10] as text`);
      }
    }
    for (const [i, result] of (run.results ?? []).entries()) {
      if (result.properties?.['security-severity'] !== undefined)
        problems.push(`runs[${r}] results[${i}]: security-severity on a result is ignored`);
      for (const location of result.locations ?? []) {
        const uri = location.physicalLocation?.artifactLocation?.uri ?? '';
        if (/^[a-z][a-z0-9+.-]*:/i.test(uri) || uri.startsWith('/') || uri.split('/').includes('..'))
          problems.push(`runs[${r}] results[${i}]: ${uri} is not relative to the repository root`);
      }
    }
  }
  return problems;
}
