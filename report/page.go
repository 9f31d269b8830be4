package report

import "html/template"

// pageTemplate is the report page: one section per result folder, a
// table of contents, inline CSS with a print stylesheet, no script and
// no address outside the page.
var pageTemplate = template.Must(template.New("page").Parse(`<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="cogov report">
<title>{{.Title}}</title>
<style>
:root { --ink: #1a1a1a; --muted: #5f5f5f; --rule: #d9d9d9; --accent: #0072B2; }
* { box-sizing: border-box; }
body { font-family: "Liberation Sans", Arial, Helvetica, "Noto Sans CJK SC", "WenQuanYi Micro Hei", sans-serif;
  color: var(--ink); max-width: 1100px; margin: 0 auto; padding: 1.5rem; line-height: 1.45; }
h1 { font-size: 1.6rem; margin: 0 0 .5rem; }
h2 { font-size: 1.3rem; border-bottom: 2px solid var(--accent); padding-bottom: .2rem; margin-top: 2.5rem; }
h3 { font-size: 1.05rem; margin: 1.6rem 0 .4rem; }
nav ol { columns: 2; font-size: .92rem; }
table { border-collapse: collapse; font-size: .82rem; margin: .4rem 0 1rem; width: 100%; }
caption { text-align: left; font-weight: bold; padding: .3rem 0; }
th, td { border-bottom: 1px solid var(--rule); padding: .2rem .45rem; vertical-align: top; text-align: left; }
th { background: #f3f3f3; }
td.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
td.sig { font-weight: bold; }
.note { color: var(--muted); font-size: .85rem; margin: -.6rem 0 1rem; }
.scroll { overflow-x: auto; }
dl.prov { display: grid; grid-template-columns: max-content 1fr; gap: .15rem 1rem; font-size: .88rem; }
dl.prov dt { font-weight: bold; }
dl.prov dd { margin: 0; overflow-wrap: anywhere; font-family: "Liberation Mono", monospace; }
pre { background: #f6f6f6; padding: .6rem; font-size: .8rem; overflow-x: auto; }
figure { margin: 1rem 0 2rem; }
figure svg { width: 100%; height: auto; display: block; }
figcaption { color: var(--muted); font-size: .85rem; }
@media print {
  @page { size: A4; margin: 14mm; }
  body { max-width: none; padding: 0; font-size: 10pt; }
  nav { display: none; }
  h2 { break-before: page; }
  section:first-of-type h2 { break-before: auto; }
  h2, h3, caption { break-after: avoid; }
  figure, tr, dl.prov { break-inside: avoid; }
  .scroll { overflow: visible; }
  pre { white-space: pre-wrap; }
  a { color: inherit; text-decoration: none; }
}
</style>
</head>
<body>
<h1>{{.Title}}</h1>
<nav><ol>{{range .Sections}}<li><a href="#{{.ID}}">{{.Name}}</a> ({{.Kind}})</li>{{end}}</ol></nav>
{{range .Sections}}{{$sec := .}}
<section id="{{.ID}}">
<h2>{{.Name}}: {{.Kind}}</h2>
<h3>Provenance</h3>
<dl class="prov">{{range .Provenance}}<dt>{{.Key}}</dt><dd>{{.Value}}</dd>{{else}}<dt>-</dt><dd>the folder holds no manifest</dd>{{end}}</dl>
{{range .Scenarios}}
<h3>Scenario {{.Name}} ({{.File}})</h3>
{{if .Problem}}<p class="note">Its parameters are not shown: {{.Problem}}</p>
{{else if .Changes}}<div class="scroll"><table>
<caption>Parameters that differ from {{.Against}}</caption>
<tr><th>parameter</th><th>{{.Against}}</th><th>{{.Name}}</th></tr>
{{range .Changes}}<tr><td>{{.Path}}</td><td class="num">{{.From}}</td><td class="num">{{.To}}</td></tr>
{{end}}</table></div>{{else}}<p>The same parameters as {{.Against}}.</p>{{end}}
{{end}}
{{range .Texts}}<h3>{{.Name}}</h3><pre>{{.Text}}</pre>{{end}}
{{range .Tables}}
<div class="scroll"><table id="{{$sec.ID}}-{{.ID}}">
<caption>{{.Caption}}</caption>
<tr>{{range .Head}}<th>{{.}}</th>{{end}}</tr>
{{range .Rows}}<tr>{{range .}}<td{{if or .Num .Sig}} class="{{if .Num}}num{{end}}{{if .Sig}} sig{{end}}"{{end}}>{{.Text}}</td>{{end}}</tr>
{{end}}</table></div>
{{if .Note}}<p class="note">{{.Note}}</p>{{end}}
{{end}}
{{if .Figures}}<h3>Figures</h3>{{end}}
{{range .Figures}}<figure id="{{.ID}}">{{.SVG}}<figcaption>{{.Name}}</figcaption></figure>
{{end}}
</section>
{{end}}
</body>
</html>
`))
