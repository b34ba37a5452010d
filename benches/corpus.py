#!/usr/bin/env python3
"""Deterministic synthetic policy library for benchmarks.

Writes N documents in the trustdocs content format (docs/content-format.md) and,
with --hugo DIR, the same bodies as a Hugo site, so both tools build the same Markdown.
Sentences and words come from tests/fixtures/import/seeds/: the text extracted
from the PDFs of five published NHS security-management documents, the same
five the example library in content/ is adapted from (content/README.md says
which). The corpus depends on their exact bytes.
The same N and --seed give byte-identical files with any Python 3.
"""
import argparse, os, random, re, glob, textwrap

ap = argparse.ArgumentParser()
ap.add_argument("--n", type=int, default=1000)
ap.add_argument("--out", required=True, help="trustdocs content folder to write")
ap.add_argument("--hugo", help="also write a Hugo site here")
ap.add_argument("--seed", type=int, default=7)
ap.add_argument("--words", type=int, default=3000)
a = ap.parse_args()
rnd = random.Random(a.seed)

here = os.path.dirname(os.path.abspath(__file__))
seeds = sorted(glob.glob(os.path.join(here, "..", "tests", "fixtures", "import", "seeds", "*.txt")))
text = " ".join(open(p, errors="ignore").read() for p in seeds)
sents = [s.strip() for s in re.split(r"(?<=[.!?])\s+", re.sub(r"\s+", " ", text))
         if 40 <= len(s.strip()) <= 300 and not re.search(r"[<>#`|$*_\[\]]", s)]
words = sorted({w for s in sents for w in re.findall(r"[A-Za-z]{4,}", s)})
types = ["policy", "strategy", "procedure", "guideline"]
dirs = ["Corporate Governance", "Estates and Facilities", "Nursing and Quality", "Workforce", "Finance"]
ids = [f"POL/{1 + i // 500:03d}/{i % 500 + 1:03d}" for i in range(a.n)]
titles = [" ".join(rnd.choice(words).capitalize() for _ in range(3)) + " " + rnd.choice(["Policy", "Procedure", "Guideline", "Strategy"]) for _ in ids]

def body(i):
    out, n = [], 0
    for s in range(rnd.randint(8, 14)):
        out.append(f"## {rnd.choice(words).capitalize()} {rnd.choice(words)}\n")
        for sub in range(rnd.randint(1, 3)):
            out.append(f"### {rnd.choice(words).capitalize()} {rnd.choice(words)}\n")
            para = []
            for _ in range(rnd.randint(3, 8)):
                para.append(rnd.choice(sents)); n += len(para[-1].split())
            if rnd.random() < 0.5:
                j = rnd.randrange(a.n) if rnd.random() > 0.02 else a.n + rnd.randrange(1000)
                ref = ids[j] if j < a.n else f"POL/9{j % 100:02d}/{j % 500 + 1:03d}"
                t = titles[j] if j < a.n else "Missing Policy"
                para.append(f"See the {t} ({ref}).")
            out.append(" ".join(para) + "\n")
            if rnd.random() < 0.3:
                out.append("\n".join(f"- {rnd.choice(sents)}" for _ in range(rnd.randint(2, 5))) + "\n")
        if s == 2:
            out.append("| Version | Date | Change |\n|---|---|---|\n" +
                       "".join(f"| {v} | 0{v}/0{v}/201{v} | {rnd.choice(words)} |\n" for v in range(1, 5)))
        if n >= a.words:
            break
    return "\n".join(out)

os.makedirs(os.path.join(a.out, "documents"), exist_ok=True)
with open(os.path.join(a.out, "site.yaml"), "w") as f:
    f.write("organisation: Benchmark NHS Foundation Trust\nbase_url: https://intranet.example/\n")
with open(os.path.join(a.out, "roles.yaml"), "w") as f:
    f.write("- id: lsms\n  title: Local Security Management Specialist\n")
if a.hugo:
    os.makedirs(os.path.join(a.hugo, "content", "docs"), exist_ok=True)
for i, (did, title) in enumerate(zip(ids, titles)):
    b = body(i)
    slug = did.lower().replace("/", "-")
    rd = f"20{rnd.randint(25, 29)}-{rnd.randint(1, 12):02d}-{rnd.randint(1, 28):02d}"
    fm = textwrap.dedent(f"""\
        id: {did}
        title: {title}
        type: {rnd.choice(types)}
        version: "{rnd.randint(1, 5)}"
        status: ratified
        public: {str(rnd.random() < 0.5).lower()}
        directorate: {rnd.choice(dirs)}
        author: {{name: A Writer, title: Lead}}
        ratified: {{by: Policy Group, date: 2024-01-15}}
        review_date: {rd}
        related: [{", ".join(rnd.sample(ids, min(3, a.n)))}]
        """)
    with open(os.path.join(a.out, "documents", slug + ".md"), "w") as f:
        f.write("---\n" + fm + "---\n\n" + b)
    if a.hugo:
        with open(os.path.join(a.hugo, "content", "docs", slug + ".md"), "w") as f:
            f.write(f"---\ntitle: \"{title}\"\ndate: 2024-01-15\n---\n\n" + b)
if a.hugo:
    lay = os.path.join(a.hugo, "layouts", "_default")
    os.makedirs(lay, exist_ok=True)
    open(os.path.join(a.hugo, "config.toml"), "w").write('baseURL = "https://intranet.example/"\ntitle = "Bench"\ndisableKinds = ["taxonomy", "term"]\n')
    base = '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>{{ .Title }}</title></head><body><header>Bench</header><main>{{ block "main" . }}{{ end }}</main></body></html>\n'
    open(os.path.join(lay, "baseof.html"), "w").write(base)
    open(os.path.join(lay, "single.html"), "w").write('{{ define "main" }}<h1>{{ .Title }}</h1><nav>{{ .TableOfContents }}</nav>{{ .Content }}{{ end }}\n')
    open(os.path.join(lay, "list.html"), "w").write('{{ define "main" }}<h1>{{ .Title }}</h1><ul>{{ range .Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul>{{ end }}\n')
print(f"{a.n} documents, {sum(os.path.getsize(os.path.join(a.out, 'documents', f)) for f in os.listdir(os.path.join(a.out, 'documents'))) / 1e6:.1f} MB")
