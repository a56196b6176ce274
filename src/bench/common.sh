# Sourced by src/bench/run.sh and src/bench/scale.sh. Needs ROOT, BENCH, OUT.
# Installs the generator's npm packages if missing, builds the benchmark WAR and the Tomcat
# distribution into target/bench (mvn -Pbench,tomcat package) and sets T to that directory.
mkdir -p "$OUT"
[ -d "$BENCH_DEPS/node_modules" ] || (cd "$BENCH" && ./setup.sh)
echo "== build: mvn -Pbench,tomcat package (target/bench)" >&2
(cd "$ROOT" && mvn -B -q -Pbench,tomcat package > "$OUT/build.log" 2>&1) || { tail -40 "$OUT/build.log"; exit 1; }
T="$ROOT/target/bench"

# tomcat_base DIR PORT: a CATALINA_BASE in DIR with server-config/tomcat/server.xml (on PORT,
# 127.0.0.1, no shutdown port) and the bench WAR plus the jars Tomcat lacks exploded as ROOT; sets
# TOMCAT_HOME.
tomcat_base() {
  local tb="$1" port="$2" version
  version="$(cd "$ROOT" && mvn -q -B help:evaluate -Pbench,tomcat -Dexpression=tomcat.version -DforceStdout 2>/dev/null | tail -1 | sed 's/\x1b\[[0-9;]*m//g')"
  TOMCAT_HOME="$T/apache-tomcat-$version"
  rm -rf "$tb" && mkdir -p "$tb/conf" "$tb/logs" "$tb/temp" "$tb/work" "$tb/webapps/ROOT"
  cp "$TOMCAT_HOME/conf/"{web.xml,logging.properties,catalina.properties,context.xml} "$tb/conf/"
  sed -e "s/port=\"8080\"/port=\"$port\" address=\"127.0.0.1\"/" -e 's/port="8005"/port="-1"/' \
    "$ROOT/server-config/tomcat/server.xml" > "$tb/conf/server.xml"
  (cd "$tb/webapps/ROOT" && jar xf "$T/socketeer-tomcat.war")
}
