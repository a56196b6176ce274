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

# wildfly_base DIR PORT JAVA_OPTS: WildFly unpacked under target/bench, a server base dir of our own
# in DIR with server-config/wildfly/socketeer.cli applied offline and the welcome page off "/", the
# bench WAR as ROOT; sets WF (the WildFly home) and WILDFLY_CMD (starts it on 127.0.0.1:PORT,
# management on 10190, with JAVA_OPTS).
wildfly_base() {
  local wb="$1" port="$2" opts="$3" version
  (cd "$ROOT" && mvn -B -q -Pbench,wildfly dependency:unpack@unpack-wildfly >> "$OUT/build.log" 2>&1)
  version="$(cd "$ROOT" && mvn -q -B help:evaluate -Pwildfly -Dexpression=wildfly.version -DforceStdout 2>/dev/null | tail -1 | sed 's/\x1b\[[0-9;]*m//g')"
  WF="$T/wildfly-$version"
  rm -rf "$wb" && cp -r "$WF/standalone" "$wb"
  { echo "embed-server --server-config=standalone.xml --std-out=discard --admin-only=true"
    cat "$ROOT/server-config/wildfly/socketeer.cli"
    echo '/subsystem=undertow/server=default-server/host=default-host/location=\/:remove'
    echo "stop-embedded-server"; } > "$OUT/wildfly-offline.cli"
  JAVA_OPTS="-Djboss.server.base.dir=$wb" "$WF/bin/jboss-cli.sh" --file="$OUT/wildfly-offline.cli" >> "$OUT/build.log" 2>&1
  cp "$T/socketeer.war" "$wb/deployments/ROOT.war"
  WILDFLY_CMD="env JAVA_OPTS='$opts -Djava.net.preferIPv4Stack=true' bash $WF/bin/standalone.sh \
-Djboss.server.base.dir=$wb -Djboss.bind.address=127.0.0.1 -Djboss.http.port=$port \
-Djboss.management.http.port=10190 -Dsocketeer.maxHttpBufferSize=1e7"
}
