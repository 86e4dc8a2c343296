// Stops `npm start` and `npm test` at once, with one line, on a Node.js older than package.json "engines" asks.
// Written for old Node versions (no modern syntax), so that it runs where the server and the tests would not.
'use strict';
var path = require('path');

function parts(version) {
  var match = /(\d+)(?:\.(\d+))?(?:\.(\d+))?/.exec(version || '');
  return match ? [Number(match[1]), Number(match[2] || 0), Number(match[3] || 0)] : null;
}

function atLeast(found, needed) {
  for (var i = 0; i < 3; i++) {
    if (found[i] !== needed[i]) return found[i] > needed[i];
  }
  return true;
}

/** The line to print when `version` is older than the ">=x.y" range `engines`, or null when it is new enough. */
function check(version, engines) {
  var minimum = />=\s*v?([\d.]+)/.exec(engines || '');
  var needed = minimum && parts(minimum[1]);
  var found = parts(version);
  if (!needed || !found || atLeast(found, needed)) return null;
  // Even majors become LTS: suggest an LTS line the range accepts (24 is the one cardbridge is tested on).
  var lts = Math.max(needed[0] % 2 === 0 ? needed[0] : needed[0] + 1, 24);
  return (
    'cardbridge needs Node.js ' + engines.trim().replace(/>=\s*/, '>= ') + ' (found ' + version + '); install Node ' + lts +
    ' LTS, e.g. `nvm install ' + lts + '` (https://github.com/nvm-sh/nvm) or `npx node@' + lts + '`'
  );
}

module.exports = { check: check };

if (require.main === module) {
  var manifest = require(path.join(__dirname, '..', 'package.json'));
  var problem = check(process.versions.node, manifest.engines && manifest.engines.node);
  if (problem) {
    process.stderr.write(problem + '\n');
    process.exit(1);
  }
}
