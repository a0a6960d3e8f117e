// Everything the command line itself says to a person, in both locales.
import type { Text } from '../core/types';

const t = (zh: string, en: string): Text => ({ zh, en });

export const msg = {
  unknownCommand: (c: string) => t(`未知命令“${c}”（可用：lint、fix、outline、entities、articles）`, `unknown command '${c}' (expected lint, fix, outline, entities or articles)`),
  noCommand: t('缺少命令（lint、fix、outline、entities、articles）', 'missing command (lint, fix, outline, entities or articles)'),
  noPaths: t('缺少要处理的文件或文件夹', 'no file or folder given'),
  unknownOption: (o: string) => t(`未知选项“${o}”`, `unknown option '${o}'`),
  badFormat: (v?: string) => t(`--format 须为 text、json、sarif 或 md（得到“${v ?? ''}”）`, `--format must be text, json, sarif or md (got '${v ?? ''}')`),
  badLocale: (v?: string) => t(`--locale 须为 zh 或 en（得到“${v ?? ''}”）`, `--locale must be zh or en (got '${v ?? ''}')`),
  badJobs: (v?: string) => t(`--jobs 须为正整数（得到“${v ?? ''}”）`, `--jobs must be a positive integer (got '${v ?? ''}')`),
  unknownRule: (id: string) => t(`未知规则“${id}”`, `unknown rule '${id}'`),
  badLevel: (spec: string) => t(`--rule 的格式为 规则=off|error|warning|info（得到“${spec}”）`, `--rule takes id=off|error|warning|info (got '${spec}')`),
  sarifLintOnly: t('SARIF 格式只用于 lint', 'the sarif format is only for lint'),
  writeFixOnly: t('--write 只用于 fix', '--write is only for fix'),
  articlesFormats: t('articles 的输出格式为 md 或 json；md 只用于 articles', 'articles writes md or json; md is only for articles'),
  notFound: (p: string) => t(`${p}：文件或文件夹不存在`, `${p}: no such file or folder`),
  readFailed: (p: string, why: string) => t(`${p}：无法读取（${why}）`, `${p}: cannot read (${why})`),
  binary: (p: string) => t(`${p}：是二进制文件，不是文本，已跳过`, `${p}: binary file, not text; skipped`),
  undecodable: (p: string) => t(`${p}：无法识别编码（既非 UTF-8/UTF-16，也非 GB18030 中文文本），已跳过`, `${p}: unknown encoding (neither UTF-8/UTF-16 nor GB18030 Chinese text); skipped`),
  tooLarge: (p: string, mb: number) => t(`${p}：文件超过 ${mb} MB，不像单个版面，已跳过`, `${p}: larger than ${mb} MB, not a single page; skipped`),
  changedOnDisk: (p: string) => t(`${p}：读取后文件已在磁盘上被修改，未写入`, `${p}: changed on disk since it was read; not written`),
  writeFailed: (p: string, why: string) => t(`${p}：写入失败（${why}）`, `${p}: cannot write (${why})`),
  analysisFailed: (p: string, why: string) => t(`${p}：分析出错（${why}）`, `${p}: analysis failed (${why})`),
  fixed: (p: string, n: number, passes: number) => t(`${p}：已修复 ${n} 处（${passes} 轮）`, `${p}: ${n} fix${n === 1 ? '' : 'es'} applied (${passes} pass${passes === 1 ? '' : 'es'})`),
  unchanged: (p: string) => t(`${p}：无可安全修复之处`, `${p}: nothing to fix safely`),
};

export const help: Text = t(
`jiaodui — 报纸 OCR 原始文本校对

用法：
  jiaodui lint     [选项] 路径...   报告问题（类似 ESLint）
  jiaodui fix      [选项] 路径...   应用安全修复，输出结果；加 --write 则就地写回
  jiaodui outline  [选项] 路径...   版面文章结构（标题、署名、栏目）
  jiaodui entities [选项] 路径...   人名、地名、机构名
  jiaodui articles [选项] 路径...   按阅读顺序导出各篇文章（md 或 json）：接上断行，移出插入内容

路径可以是文件或文件夹（递归处理其中的 *.txt）。

选项：
  -f, --format text|json|sarif|md
                                 输出格式（sarif 仅用于 lint；md 仅用于 articles，
                                 articles 默认 md，其余默认 text）
      --locale zh|en             信息语言（默认 zh）
      --rule 规则=off|error|warning|info
                                 调整某条规则，可重复或用逗号分隔
      --write                    fix：就地写回文件（保留编码、BOM 与换行符）
  -j, --jobs N                   工作线程数（默认：每 2.5 MB 页面一个，至多每核一个）
      --no-progress              不显示进度条
  -h, --help                     显示帮助
  -v, --version                  显示版本

退出码：0 无问题；1 lint 发现问题；2 用法错误或读写错误。
支持的编码：UTF-8（可带 BOM）、带 BOM 的 UTF-16、GB18030/GBK。
`,
`jiaodui — proofreading for raw OCR text of Chinese newspapers

Usage:
  jiaodui lint     [options] PATH...   report problems (ESLint-style)
  jiaodui fix      [options] PATH...   apply safe fixes and print the result; --write: in place
  jiaodui outline  [options] PATH...   articles on the page (headlines, bylines, sections)
  jiaodui entities [options] PATH...   persons, places, organisations
  jiaodui articles [options] PATH...   each article in reading order (md or json): OCR breaks
                                       joined, interleaved blocks moved out

A PATH may be a file or a folder (its *.txt files, recursively).

Options:
  -f, --format text|json|sarif|md
                                 output format (sarif: lint only; md: articles only, its
                                 default; text for the others)
      --locale zh|en             language of messages (default zh)
      --rule id=off|error|warning|info
                                 override a rule; repeat or separate with commas
      --write                    fix: write files in place (keeps encoding, BOM, line endings)
  -j, --jobs N                   worker threads (default: one per 2.5 MB of pages, at most one per core)
      --no-progress              no progress bar
  -h, --help                     show this help
  -v, --version                  show the version

Exit codes: 0 no problems; 1 lint found problems; 2 usage or I/O error.
Encodings: UTF-8 (with or without BOM), UTF-16 with BOM, GB18030/GBK.
`);
