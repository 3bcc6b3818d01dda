// Installers for Supernode Twin: `npm run dist` (electron-vite build, then electron-builder).
//
// Why this file and not electron-builder.yml or package.json's `build` key: electron-builder
// finds `electron-builder.js` by itself, it can say why each setting is there (package.json
// cannot hold comments), package.json stays small for the several people editing it, and
// test/main/electron/builderConfig.test.ts imports it as is, with no YAML parser to depend on.

/** deb packages refuse to build without a homepage and a maintainer; set real ones to publish. */
const HOMEPAGE = 'https://supernode-twin.invalid/'
const MAINTAINER = 'Supernode Twin maintainers <maintainers@supernode-twin.invalid>'

/** @type {import('electron-builder').Configuration} */
export default {
  appId: 'org.supernodetwin.desktop',
  productName: 'Supernode Twin',
  // the command line name on Linux: `supernode-twin run.twinrun`
  executableName: 'supernode-twin',
  extraMetadata: { homepage: HOMEPAGE },
  directories: { output: 'dist' },

  // electron-vite's output; production dependencies (better-sqlite3, ws, zod) are added by
  // electron-builder itself.
  files: ['out/**', 'package.json'],
  // src/main/index.ts reads presets, traces and docs from process.resourcesPath when packaged:
  // plain files, readable by the engine worker and by the OS's viewer (Help menu).
  extraResources: [
    { from: 'resources', to: 'resources' },
    { from: 'docs', to: 'docs' },
    { from: 'README.md', to: 'README.md' }
  ],

  asar: true,
  // Outside the archive: the native SQLite module (the OS loads it from a real file), and
  // everything the engine worker thread loads, because worker threads read their script and
  // its imports with plain Node, which cannot look inside app.asar (src/main/electron/packaged.ts).
  asarUnpack: [
    'out/main/**',
    'node_modules/better-sqlite3/**',
    'node_modules/bindings/**',
    'node_modules/file-uri-to-path/**',
    'node_modules/zod/**'
  ],

  // The packaged app loads node_modules/better-sqlite3 rebuilt for Electron's ABI (no
  // nativeBinding when packaged). Prebuilt binaries for the target platform come first so a
  // Linux machine can build the Windows and macOS installers; without the network,
  // @electron/rebuild compiles from source instead (toolchain.md: a C++ toolchain and ~1 min).
  npmRebuild: true,
  buildDependenciesFromSource: false,

  fileAssociations: [
    {
      ext: 'twinrun',
      name: 'Supernode Twin run',
      description: 'A saved Supernode Twin run',
      mimeType: 'application/vnd.supernode-twin.run',
      role: 'Editor'
    }
  ],

  linux: {
    target: ['AppImage', 'deb'],
    category: 'Science',
    maintainer: MAINTAINER,
    synopsis: 'Digital twin of the Huawei CloudMatrix384 AI supernode'
  },
  mac: {
    target: ['dmg'],
    category: 'public.app-category.developer-tools'
  },
  win: {
    target: ['nsis']
  },
  nsis: {
    // an assisted installer: the user sees where it goes and may choose per-user or all users
    oneClick: false,
    allowToChangeInstallationDirectory: true
  }
}
