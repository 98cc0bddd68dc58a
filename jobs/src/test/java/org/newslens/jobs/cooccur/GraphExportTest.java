package org.newslens.jobs.cooccur;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Element;

class GraphExportTest {

  @TempDir Path dir;

  @Test
  void writesGraphmlThatAnXmlParserReadsBackAndACsvPair() throws Exception {
    Map<String, Row> nodes = new LinkedHashMap<>();
    nodes.put("person:rajnath-singh", RowFactory.create("person:rajnath-singh", "Rajnath Singh", "PERSON", "none", 2L));
    nodes.put("s-400", RowFactory.create("s-400", "S-400 Triumf, \"SA-21\"", "MILITARY_SYSTEM", "defence", 7L));
    var graph = new GraphExport.Graph(nodes, List.of(RowFactory.create("person:rajnath-singh", "s-400", 3L, 0.42, 12.5)));
    var files = GraphExport.write(graph, dir.resolve("net.graphml"));

    var factory = DocumentBuilderFactory.newInstance();
    factory.setNamespaceAware(true);
    var doc = factory.newDocumentBuilder().parse(files.get(0).toFile());
    assertThat(doc.getDocumentElement().getLocalName()).isEqualTo("graphml");
    var nodeList = doc.getElementsByTagNameNS("http://graphml.graphdrawing.org/xmlns", "node");
    var edgeList = doc.getElementsByTagNameNS("http://graphml.graphdrawing.org/xmlns", "edge");
    assertThat(nodeList.getLength()).isEqualTo(2);
    assertThat(edgeList.getLength()).isEqualTo(1);
    Element edge = (Element) edgeList.item(0);
    assertThat(edge.getAttribute("source")).isEqualTo("person:rajnath-singh");
    assertThat(edge.getAttribute("target")).isEqualTo("s-400");
    assertThat(edge.getTextContent()).contains("12.5").contains("0.42");
    assertThat(((Element) nodeList.item(1)).getTextContent()).contains("S-400 Triumf, \"SA-21\"").contains("MILITARY_SYSTEM");

    assertThat(Files.readAllLines(dir.resolve("net-nodes.csv"))).containsExactly(
        "id,label,type,theme,mentions", "person:rajnath-singh,Rajnath Singh,PERSON,none,2",
        "s-400,\"S-400 Triumf, \"\"SA-21\"\"\",MILITARY_SYSTEM,defence,7");
    assertThat(Files.readAllLines(dir.resolve("net-edges.csv"))).containsExactly(
        "source,target,n_ab,npmi,llr", "person:rajnath-singh,s-400,3,0.42,12.5");
  }
}
