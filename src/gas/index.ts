/**
 * The bundle's entry: the functions Apps Script calls by name (web app, triggers, menu items). Rollup
 * makes each a top-level function declaration of dist/Code.js.
 */
export {
  doGet,
  doPost,
  onEdit,
  onSheetChange,
  onPendingChatsTimer,
  onOpen,
  menuSetUp,
  menuTestLookup,
  menuCheckSetup,
  menuMeasure,
  menuRotateKey,
  menuClearCache,
  menuForgetVisitor,
} from './entry-points';
