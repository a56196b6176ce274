# Sourced by src/bench/run.sh and src/bench/scale.sh (after `mvn -Pbench,tomcat package`): makes a
# Tomcat CATALINA_BASE in $TB with server-config/tomcat/server.xml (on $PORT, 127.0.0.1, no shutdown
# port) and the bench WAR plus the jars Tomcat lacks exploded as ROOT; sets TOMCAT_HOME.
# Needs: ROOT, T (target/bench), TB, PORT.
TOMCAT_VERSION="$(cd "$ROOT" && mvn -q -B help:evaluate -Pbench,tomcat -Dexpression=tomcat.version -DforceStdout 2>/dev/null | tail -1 | sed 's/\x1b\[[0-9;]*m//g')"
TOMCAT_HOME="$T/apache-tomcat-$TOMCAT_VERSION"
rm -rf "$TB" && mkdir -p "$TB/conf" "$TB/logs" "$TB/temp" "$TB/work" "$TB/webapps/ROOT"
cp "$TOMCAT_HOME/conf/"{web.xml,logging.properties,catalina.properties,context.xml} "$TB/conf/"
sed -e "s/port=\"8080\"/port=\"$PORT\" address=\"127.0.0.1\"/" -e 's/port="8005"/port="-1"/' \
  "$ROOT/server-config/tomcat/server.xml" > "$TB/conf/server.xml"
(cd "$TB/webapps/ROOT" && jar xf "$T/socketeer-tomcat.war")
