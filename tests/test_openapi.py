"""docs/openapi.yaml describes exactly the routes the server has: each
route, with its method and permission, and no operation the server lacks.
The server serves the same document, and every $ref in it resolves."""
import os

import yaml

from test_role_matrix import cli_json_lines

DOCUMENT = os.path.join(os.path.dirname(__file__), "..", "docs", "openapi.yaml")
METHODS = {"get", "put", "post", "patch", "delete"}


def load():
    with open(DOCUMENT, encoding="utf-8") as f:
        return f.read()


def operations(document):
    for path, item in document["paths"].items():
        for method, operation in item.items():
            if method in METHODS:
                yield method.upper(), path, operation


def test_every_route_is_described_with_its_permission_and_nothing_else(server):
    document = yaml.safe_load(load())
    assert document["openapi"].startswith("3.1")
    described = {(method, path): operation for method, path, operation in operations(document)}
    routes = {(r["method"], r["pattern"]): r["action"] for r in cli_json_lines(server, "routes")}
    assert set(described) - set(routes) == set(), "operations the server does not have"
    assert set(routes) - set(described) == set(), "routes the document does not describe"
    for key, action in routes.items():
        operation = described[key]
        if action is None:
            assert operation.get("security") == [] and "x-permission" not in operation, key
        else:
            assert operation.get("x-permission") == action and "security" not in operation, key
    ids = [operation["operationId"] for operation in described.values()]
    assert len(ids) == len(set(ids)), "operationIds are unique"


def test_every_reference_resolves():
    document = yaml.safe_load(load())

    def resolve(ref):
        node = document
        for part in ref.removeprefix("#/").split("/"):
            node = node[part]
        return node

    def walk(node):
        if isinstance(node, dict):
            if "$ref" in node:
                assert node["$ref"].startswith("#/") and resolve(node["$ref"]) is not None, node["$ref"]
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(document)


def test_path_parameters_are_declared(server):
    document = yaml.safe_load(load())
    for path, item in document["paths"].items():
        names = {part[1:-1] for part in path.split("/") if part.startswith("{")}
        declared = set()
        for parameter in item.get("parameters", []):
            if "$ref" in parameter:
                parameter = document["components"]["parameters"][parameter["$ref"].split("/")[-1]]
            if parameter["in"] == "path":
                declared.add(parameter["name"])
        assert declared == names, f"{path}: path parameters {names}, declared {declared}"


def test_the_server_serves_the_document(api):
    response = api.get("/api/v1/openapi.yaml")
    assert response.status == 200 and response.header("Content-Type", "").startswith("application/yaml")
    assert response.body.decode("utf-8") == load()
