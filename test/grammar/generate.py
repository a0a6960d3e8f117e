# Writes byline.test.newspaper from readable cases: (line, [(substring, nth, scope)]).
# Carets are placed by string index (one column per UTF-16 unit, as vscode-tmgrammar-test counts);
# a scope starting with '- ' asserts its absence. Run: python3 test/grammar/generate.py
import os
cases = [
  ("本报记者 杜挺勇", [("本报记者", 0, "storage.type.role.newspaper"), ("杜挺勇", 0, "entity.name.person.newspaper")]),
  ("本报通讯员 张哲轩 薛慧科", [("本报通讯员", 0, "storage.type.role.newspaper"), ("张哲轩 薛慧科", 0, "entity.name.person.newspaper"), ("本报通讯", 0, "- keyword.other.dateline.newspaper")]),
  ("本报记者 吉亚南 摄", [("吉亚南", 0, "entity.name.person.newspaper"), ("摄", 0, "keyword.other.credit.newspaper"), ("摄", 0, "- entity.name.person.newspaper")]),
  ("孟州市河雍街道东田丈村大棚桃喜获丰收。 段玉明 摄", [("段玉明", 0, "entity.name.person.newspaper"), ("摄", 0, "keyword.other.credit.newspaper"), ("大棚桃", 0, "- entity.name.person.newspaper")]),
  ("记者 李晓霞巩义时报 吴瑞霞 文/图", [("记者", 0, "storage.type.role.newspaper"), ("文/图", 0, "keyword.other.credit.newspaper")]),
  ("本报讯 5月 16日下午，在收听收看", [("本报讯", 0, "keyword.other.dateline.newspaper"), ("5月 16日", 0, "constant.numeric.date.newspaper")]),
  ("本报讯 (记者 李晓霞 通讯员 王柳)近日", [("本报讯", 0, "keyword.other.dateline.newspaper"), ("(", 0, "punctuation.definition.dateline.begin.newspaper"),
      ("记者", 0, "storage.type.role.newspaper"), ("李晓霞", 0, "entity.name.person.newspaper"), ("通讯员", 0, "storage.type.role.newspaper"),
      ("王柳", 0, "entity.name.person.newspaper"), (")", 0, "punctuation.definition.dateline.end.newspaper"), ("近日", 0, "- meta.dateline.newspaper")]),
  ("编辑:金桂香 | 校对:谢欣汝 | 组版:许建林", [("编辑", 0, "keyword.other.header-field.newspaper"), (":", 0, "punctuation.separator.key-value.newspaper"),
      ("金桂香", 0, "entity.name.person.newspaper"), ("校对", 0, "keyword.other.header-field.newspaper"), ("许建林", 0, "entity.name.person.newspaper")]),
  ("博爱县:学习“千万工程”经验 凝聚乡村振兴合力", [("“千万工程”", 0, "string.quoted.double.newspaper"), ("经验", 0, "- string.quoted.double.newspaper"), ("博爱县", 0, "- entity.name.person.newspaper")]),
  ("孟州市河阳街道函丈村村民在观看《志愿者明星》笑脸墙。", [("《志愿者明星》", 0, "string.quoted.title.newspaper"), ("笑脸墙", 0, "- string.quoted.title.newspaper")]),
  ("放弃年薪50万元的工作，带动周边4个村流转村集体土地1500亩", [("50万", 0, "constant.numeric.newspaper"), ("1500", 0, "constant.numeric.newspaper"), ("年薪", 0, "- constant.numeric.newspaper")]),
  ("郑州市“7·20”特大暴雨整改工作", [("7·20", 0, "constant.numeric.date.newspaper"), ("“", 0, "string.quoted.double.newspaper")]),
  ("袁聚平强调，要从严从实抓好各方面", [("袁聚平强调", 0, "- entity.name.person.newspaper"), ("袁聚平强调", 0, "- storage.type.role.newspaper")]),
]
out = ['# SYNTAX TEST "text.newspaper" "datelines, bylines, header fields, quotes, dates and numbers"']
for line, asserts in cases:
    out.append(line)
    for sub, nth, scope in asserts:
        at = -1
        for _ in range(nth + 1):
            at = line.index(sub, at + 1)
        if at == 0:
            out.append('# <' + '-' * len(sub) + ' ' + scope)
        else:
            # The assertion line's '#' takes column 0, so carets at column `at` need at-1 spaces after it.
            out.append('#' + ' ' * (at - 1) + '^' * len(sub) + ' ' + scope)
here = os.path.dirname(os.path.abspath(__file__))
open(os.path.join(here, 'byline.test.newspaper'), 'w').write('\n'.join(out) + '\n')
