#!/bin/sh
# Builds the editor's bundle, dist/editor.js and dist/editor.css, from src/
# with the npm packages pinned in package-lock.json (run npm ci first).
# The bundle is committed and embedded in sopflow with go:embed, so that
# go install needs no Node.js; .ci/run checks that it is what this script
# builds. esbuild's output depends only on its version and the inputs.
set -eu
cd "$(dirname "$0")"
esbuild=./node_modules/.bin/esbuild
banner='/* sopflow editor (server/web/src). Bundles CodeMirror 6 and Lezer (MIT, (c) Marijn Haverbeke and others), style-mod, w3c-keyname, crelt (MIT); versions in server/web/package-lock.json. */'
"$esbuild" src/main.js --bundle --minify --format=iife --target=es2020 \
	--legal-comments=none --charset=utf8 "--banner:js=$banner" \
	--outfile=dist/editor.js --log-level=warning
"$esbuild" src/editor.css --bundle --minify --charset=utf8 \
	--outfile=dist/editor.css --log-level=warning
