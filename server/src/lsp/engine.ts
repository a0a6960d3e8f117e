// The analysis engine as the language server uses it: the pure analysis and the LSP-shaped views
// over it (features/), bundled on their own as dist/engine.js. The server (dist/server.js) holds
// only the LSP wiring and requires this right after `initialize` has been answered: compiling
// the engine — rules, lexicon glue, the gazetteer (its index is dist/dict/gazetteer.index) —
// would otherwise sit between process start and the `initialize` answer (issue 5: ≤ 100 ms).
// features/ take LSP's data types from vscode-languageserver-types, not vscode-languageserver:
// the engine needs the types and enums only, not a second copy of the server library.
export { analyze, type Analysis } from '../engine/analyze';
export { analyzeDocument, buildPiecedPage } from '../engine/pieced';
export { addUserWords, dictionarySource, isLoaded, shareDictionary, warmUp, writeDictionarySnapshot } from '../language/dictionary';
export { lexicon } from '../language/lexicon';
export { gazetteerSource, writeGazetteerSnapshot } from '../entities/gazetteer';
export { cleanPageActions, fixAllAction, keepsHeadlines, quickFixes, versionedEdit } from './features/codeActions';
export { exportArticlesMarkdown } from './features/articles';
export { analysisOptions, readSettings } from './features/config';
export { dropIgnored, fixableSummary, noticeDiagnostic, toDiagnostic } from './features/diagnostics';
export { entityAt, highlights, hover, mentionsElsewhere, references } from './features/entities';
export { fixPage } from '../engine/fix';
export { isNewspaperDocument } from './features/selection';
export { documentSymbols, foldingRanges, workspaceSymbols } from './features/symbols';
export { WorkspacePages } from './features/workspace';
