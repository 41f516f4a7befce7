/**
 * The rules feature's routes: the list, the ATT&CK coverage view, the import page, and the editor for a
 * new or an existing rule. The editor and import pages load on first use (the editor brings CodeMirror).
 */
import { lazy } from 'react';
import { Route, Routes } from 'react-router';
import { RuleListPage } from './RuleListPage.tsx';

const RuleEditorPage = lazy(() => import('./RuleEditorPage.tsx').then((m) => ({ default: m.RuleEditorPage })));
const RuleImportPage = lazy(() => import('./RuleImportPage.tsx').then((m) => ({ default: m.RuleImportPage })));
const CoveragePage = lazy(() => import('./CoveragePage.tsx').then((m) => ({ default: m.CoveragePage })));

export function RulesPage() {
  return (
    <Routes>
      <Route index element={<RuleListPage />} />
      <Route path="coverage" element={<CoveragePage />} />
      <Route path="import" element={<RuleImportPage />} />
      <Route path=":id" element={<RuleEditorPage />} />
    </Routes>
  );
}
