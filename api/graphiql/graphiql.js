// Starts GraphiQL on this server's API: queries and mutations are POSTed to /graphql as
// application/json, subscriptions go over /graphql/ws (graphql-transport-ws, bundled in GraphiQL).
(function () {
  'use strict';
  var scheme = window.location.protocol === 'https:' ? 'wss:' : 'ws:';
  var fetcher = GraphiQL.createFetcher({
    url: '/graphql',
    subscriptionUrl: scheme + '//' + window.location.host + '/graphql/ws',
    enableIncrementalDelivery: false,
  });
  ReactDOM.createRoot(document.getElementById('graphiql')).render(
    React.createElement(GraphiQL, { fetcher: fetcher, defaultEditorToolsVisibility: true }),
  );
})();
